// The committed JSON Schema files under schemas/, read by a validator nobody here wrote: Ajv
// (draft 2020-12, strict mode, ajv-formats for uuid and date-time). It must give zod's verdict on
// every case of the shared table, on the seed's example with its "null" placeholders, and on
// every sample and mutation generated from Turnkey's swagger.
import { assert, assertEquals, assertThrows } from "@std/assert";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { join } from "node:path";
import { z } from "zod";
import { ThreedeyeDiagnosticsSchema } from "../src/mod.ts";
import { PUBLISHED_SCHEMAS, SCHEMAS_DIR } from "../scripts/json_schemas.ts";
import {
  SCHEMA_CASES,
  type SchemaFile,
  SEED_REPORT_FAULTS,
  seedReport,
} from "./json_schema_cases.ts";
import swagger from "./reference/turnkey_get_user.swagger.json" with { type: "json" };
import { type SwaggerDocument, SwaggerSamples } from "./swagger_samples.ts";

// ajv-formats is CommonJS: the default import is its module.exports, typed as the namespace.
const addFormats = ajvFormats.default;

/** Ajv as a careful consumer would set it up: strict, every error, formats checked. */
function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const ajv = strictAjv();
const validators = new Map<string, ValidateFunction>();
for (const { file } of PUBLISHED_SCHEMAS) {
  const document = JSON.parse(await Deno.readTextFile(join(SCHEMAS_DIR, file)));
  validators.set(file, ajv.compile(document));
}
const zodOf = new Map(PUBLISHED_SCHEMAS.map((entry) => [entry.file, entry.schema]));

function ajvAccepts(file: string, value: unknown): boolean {
  return validators.get(file)!(value);
}

/** Dotted paths of the fields Ajv reports (`/user/email` → `user.email`). */
function ajvFaults(errors: ErrorObject[] | null | undefined): string[] {
  return [...new Set((errors ?? []).map((e) => e.instancePath.slice(1).replaceAll("/", ".")))];
}

Deno.test("Ajv compiles every published file in strict mode, and each is a valid 2020-12 schema", () => {
  assertEquals(validators.size, PUBLISHED_SCHEMAS.length);
  const meta = strictAjv();
  for (const { file } of PUBLISHED_SCHEMAS) {
    const document = JSON.parse(Deno.readTextFileSync(join(SCHEMAS_DIR, file)));
    assert(meta.validateSchema(document), `${file}: ${meta.errorsText(meta.errors)}`);
  }
});

Deno.test("strict mode is a real check: zod's raw output (with OpenAPI's `example`) fails it", () => {
  const raw = z.toJSONSchema(ThreedeyeDiagnosticsSchema, { io: "input" });
  assertThrows(() => strictAjv().compile(raw), Error, 'unknown keyword: "example"');
});

Deno.test("without ajv-formats, strict Ajv refuses the files instead of skipping uuid and date-time", () => {
  const report = JSON.parse(Deno.readTextFileSync(join(SCHEMAS_DIR, PUBLISHED_SCHEMAS[0].file)));
  assertThrows(
    () => new Ajv2020({ strict: true }).compile(report),
    Error,
    'unknown format "uuid"',
  );
});

for (const file of new Set(SCHEMA_CASES.map((c) => c.file))) {
  const cases = SCHEMA_CASES.filter((c) => c.file === file);
  Deno.test(`${file}: Ajv gives zod's verdict on ${cases.length} payloads`, () => {
    const wrong: string[] = [];
    for (const { name, value, valid, notExpressed } of cases) {
      const zod = zodOf.get(file)!.safeParse(value).success;
      if (zod !== valid) wrong.push(`${name}: zod says ${zod}, the table ${valid}`);
      const expected = notExpressed === undefined ? valid : !valid;
      const ajvVerdict = ajvAccepts(file, value);
      if (ajvVerdict !== expected) wrong.push(`${name}: Ajv says ${ajvVerdict}`);
    }
    assertEquals(wrong, []);
  });
}

Deno.test("the only disagreements are the search answer's refinement, which JSON Schema cannot express", () => {
  const disagreements = SCHEMA_CASES.filter((c) => c.notExpressed !== undefined);
  assertEquals(disagreements.map((c) => [c.file, c.name, c.valid]), [
    ["user-search.schema.json", "more candidates than the limit", false],
    ["user-search.schema.json", "truncated below the limit", false],
  ]);
  for (const { file, value } of disagreements) {
    assert(ajvAccepts(file, value), "JSON Schema accepts what only the zod refinement rejects");
  }
});

Deno.test("the seed's example report: zod and Ajv both reject it, at the same ten fields", () => {
  const zod = ThreedeyeDiagnosticsSchema.safeParse(seedReport);
  assert(!zod.success);
  const zodFaults = [...new Set(zod.error.issues.map((issue) => issue.path.join(".")))];
  assertEquals(zodFaults, SEED_REPORT_FAULTS);
  const validate = validators.get("diagnostics-report.schema.json")!;
  assert(!validate(seedReport));
  assertEquals(ajvFaults(validate.errors), SEED_REPORT_FAULTS);
});

const TURNKEY_SWAGGER: [string, SchemaFile][] = [
  ["v1GetUserResponse", "turnkey-get-user-response.schema.json"],
  ["v1GetUserRequest", "turnkey-get-user-request.schema.json"],
];

for (const [definition, file] of TURNKEY_SWAGGER) {
  Deno.test(`${file}: Ajv and zod agree on every sample and mutation of swagger ${definition}`, () => {
    const samples = new SwaggerSamples(swagger as SwaggerDocument, definition);
    const payloads: [string, unknown][] = [
      ["full", samples.full()],
      ["required only", samples.requiredOnly()],
      ...samples.enumSamples().map((
        s,
      ): [string, unknown] => [`${s.site.label}=${s.value}`, s.sample]),
      ...samples.mutations().map((m): [string, unknown] => [m.key, m.sample]),
    ];
    const verdicts = payloads.map(([key, payload]) => ({
      key,
      zod: zodOf.get(file)!.safeParse(payload).success,
      ajv: ajvAccepts(file, payload),
    }));
    assertEquals(verdicts.filter((v) => v.zod !== v.ajv), []);
    // Not vacuous: both verdicts occur.
    assert(verdicts.some((v) => v.zod) && verdicts.some((v) => !v.zod), definition);
  });
}
