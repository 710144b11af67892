/**
 * Generates the JSON Schema (draft 2020-12) files of `@spkey/contracts` from its zod schemas, for
 * sibling services that are not written in TypeScript. The files are committed under `schemas/`
 * and shipped in the package; `json_schemas_test.ts` fails when one drifts from its zod source.
 *
 * Each file is self-contained (every `$ref` points into its own `$defs`) and carries a stable
 * `$id` under {@linkcode SCHEMA_ID_BASE}: a name, not a location (nothing is served there).
 *
 * Generation choices, made once here for every file:
 * - `io: "input"`: a file describes the JSON a receiver validates, i.e. what the zod schema's
 *   `parse` accepts. The schemas have no transforms, defaults or coercions, so input and output
 *   differ only for the lenient error envelope: "output" would forbid the unknown fields zod
 *   accepts (and strips) there.
 * - `example` (an OpenAPI keyword the zod metadata carries for the OpenAPI document) becomes
 *   draft 2020-12's `examples: [value]`, so strict validators (Ajv `strict: true`) accept the
 *   files.
 * - `\d` in patterns becomes `[0-9]`: JSON Schema patterns are ECMA-262, where `\d` is ASCII only,
 *   but Python's `re` and .NET match any Unicode digit with it.
 * - zod checks that JSON Schema cannot express (a `.refine`) are named in the root `description`
 *   of the file (`notExpressed`), so a reader in any language knows what else to check.
 *
 * Run: `deno task schemas` (writes `schemas/`).
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import {
  ApiErrorResponseSchema,
  ApiErrorSchema,
  ThreedeyeDiagnosticsSchema,
  ThreedeyeUserSearchSchema,
  TurnkeyGetUserRequestSchema,
  TurnkeyGetUserResponseSchema,
  ValidationErrorResponseSchema,
} from "../src/mod.ts";
import { PACKAGE_DIR } from "./build.ts";

/** The prefix of every published file's `$id`; `.example` is a reserved TLD that never resolves. */
export const SCHEMA_ID_BASE = "https://spkey.example/schemas/";

/** The directory of the committed files. */
export const SCHEMAS_DIR: string = join(PACKAGE_DIR, "schemas");

/** One published JSON Schema file and the zod schema it is generated from. */
export interface PublishedSchema {
  /** The file name under `schemas/`, also the last segment of its `$id`. */
  file: string;
  /** The zod source. */
  schema: z.ZodType;
  /** The root `title`. */
  title: string;
  /** The root `description`: what it describes and who should validate with it. */
  description: string;
  /** Checks of the zod schema that JSON Schema cannot express (appended to the description). */
  notExpressed?: string;
}

/** Every published file, in the order the README lists them. */
export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = [
  {
    file: "diagnostics-report.schema.json",
    schema: ThreedeyeDiagnosticsSchema,
    title: "3dEye provisioning diagnostics report",
    description:
      'The answer of GET /admin/threedeye/users/{userId} (ThreedeyeDiagnosticsSchema). Strict: no extra fields; absent values are JSON null, never the string "null".',
  },
  {
    file: "user-search.schema.json",
    schema: ThreedeyeUserSearchSchema,
    title: "Users found by email",
    description:
      "The answer of GET /admin/threedeye/users?email= (ThreedeyeUserSearchSchema). Strict: no extra fields.",
    notExpressed: "candidates has at most `limit` entries, and exactly `limit` when truncated.",
  },
  {
    file: "api-error.schema.json",
    schema: ApiErrorResponseSchema,
    title: "Error envelope of the admin API",
    description:
      "What the admin API sends on every non-2xx but a validation 400 (ApiErrorResponseSchema). Strict: requestId required, no other field.",
  },
  {
    file: "validation-error.schema.json",
    schema: ValidationErrorResponseSchema,
    title: "Validation error envelope of the admin API",
    description:
      "The admin API's 400 (ValidationErrorResponseSchema): the strict envelope plus optional details listing the issues.",
  },
  {
    file: "error-envelope.schema.json",
    schema: ApiErrorSchema,
    title: "Error envelope from any service",
    description:
      "An error envelope { error, message, code, requestId?, details? } from anything but the admin API's own answers (ApiErrorSchema). Lenient: requestId optional, details of any shape, unknown fields allowed.",
  },
  {
    file: "turnkey-get-user-request.schema.json",
    schema: TurnkeyGetUserRequestSchema,
    title: "Turnkey get_user request",
    description:
      "The body of POST /public/v1/query/get_user (TurnkeyGetUserRequestSchema). Strict, as it is what we send: no extra fields, non-empty ids without surrounding whitespace.",
  },
  {
    file: "turnkey-get-user-response.schema.json",
    schema: TurnkeyGetUserResponseSchema,
    title: "Turnkey get_user response",
    description:
      "The answer of Turnkey's get_user (TurnkeyGetUserResponseSchema). Lenient, as it is what we receive: unknown fields allowed, enum values beyond the known ones accepted, mfaPolicies optional.",
  },
];

/**
 * The JSON Schema document of one published file.
 *
 * @param entry The file's entry in {@linkcode PUBLISHED_SCHEMAS}.
 * @returns The document: `$schema`, `$id`, `title`, `description`, then what zod generates.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PUBLISHED_SCHEMAS, toPublishedJsonSchema } from "./json_schemas.ts";
 * const report = toPublishedJsonSchema(PUBLISHED_SCHEMAS[0]);
 * assertEquals(report.$id, "https://spkey.example/schemas/diagnostics-report.schema.json");
 * assertEquals(report.$ref, "#/$defs/ThreedeyeDiagnostics");
 * ```
 */
export function toPublishedJsonSchema(entry: PublishedSchema): Record<string, unknown> {
  const { $schema, description: _, ...generated } = z.toJSONSchema(entry.schema, {
    target: "draft-2020-12",
    io: "input",
    override: ({ jsonSchema }) => portable(jsonSchema as Record<string, unknown>),
  });
  const description = entry.notExpressed === undefined
    ? entry.description
    : `${entry.description} Checked by the zod schema but not expressible here: ${entry.notExpressed}`;
  return {
    $schema,
    $id: SCHEMA_ID_BASE + entry.file,
    title: entry.title,
    description,
    ...generated,
  };
}

/**
 * The committed text of one file: two-space JSON and a final newline (stable under `deno fmt`).
 *
 * @param entry The file's entry in {@linkcode PUBLISHED_SCHEMAS}.
 * @returns The file's exact text.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { PUBLISHED_SCHEMAS, renderSchemaFile } from "./json_schemas.ts";
 * const text = renderSchemaFile(PUBLISHED_SCHEMAS[0]);
 * assert(text.endsWith("}\n"));
 * assertEquals(JSON.parse(text).title, "3dEye provisioning diagnostics report");
 * ```
 */
export function renderSchemaFile(entry: PublishedSchema): string {
  return JSON.stringify(toPublishedJsonSchema(entry), null, 2) + "\n";
}

/** Rewrites one generated node in place into keywords every draft 2020-12 validator reads alike. */
function portable(node: Record<string, unknown>): void {
  if ("example" in node) {
    node.examples = [node.example];
    delete node.example;
  }
  if (typeof node.pattern === "string") node.pattern = asciiDigits(node.pattern);
}

/**
 * `\d` → `[0-9]` (`0-9` inside a class); an escaped backslash before `d` is left alone.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { asciiDigits } from "./json_schemas.ts";
 * assertEquals(asciiDigits(String.raw`^\d{4}[\d.]\\d$`), String.raw`^[0-9]{4}[0-9.]\\d$`);
 * ```
 */
export function asciiDigits(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      i++;
      out += next === "d" ? (inClass ? "0-9" : "[0-9]") : char + next;
    } else {
      if (char === "[") inClass = true;
      else if (char === "]") inClass = false;
      out += char;
    }
  }
  return out;
}

/** Writes every file of {@linkcode PUBLISHED_SCHEMAS} into `dir`; returns the names written. */
export async function writeSchemaFiles(dir: string = SCHEMAS_DIR): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  for (const entry of PUBLISHED_SCHEMAS) {
    await Deno.writeTextFile(join(dir, entry.file), renderSchemaFile(entry));
  }
  return PUBLISHED_SCHEMAS.map((entry) => entry.file);
}

if (import.meta.main) {
  const written = await writeSchemaFiles();
  console.log(`Wrote ${written.length} JSON Schema files into schemas/: ${written.join(", ")}`);
}
