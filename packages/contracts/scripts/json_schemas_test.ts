import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { z } from "zod";
import {
  asciiDigits,
  PUBLISHED_SCHEMAS,
  renderSchemaFile,
  SCHEMA_ID_BASE,
  SCHEMAS_DIR,
  toPublishedJsonSchema,
} from "./json_schemas.ts";

const RUN_THE_TASK = "run `deno task schemas` in packages/contracts and commit the result";

Deno.test("every committed file under schemas/ is byte for byte what its zod source generates", async () => {
  const committed: string[] = [];
  for await (const entry of Deno.readDir(SCHEMAS_DIR)) committed.push(entry.name);
  assertEquals(
    committed.sort(),
    PUBLISHED_SCHEMAS.map((entry) => entry.file).sort(),
    `schemas/ must hold exactly the published files: ${RUN_THE_TASK} (and delete stale files)`,
  );
  for (const entry of PUBLISHED_SCHEMAS) {
    const text = await Deno.readTextFile(join(SCHEMAS_DIR, entry.file));
    assert(
      text === renderSchemaFile(entry),
      `schemas/${entry.file} differs from its zod source: ${RUN_THE_TASK}`,
    );
  }
});

Deno.test("each file is draft 2020-12 with its own $id, a title and a description", () => {
  for (const entry of PUBLISHED_SCHEMAS) {
    const document = toPublishedJsonSchema(entry);
    assertEquals(document.$schema, "https://json-schema.org/draft/2020-12/schema");
    assertEquals(document.$id, `${SCHEMA_ID_BASE}${entry.file}`);
    assertEquals(Object.keys(document).slice(0, 4), ["$schema", "$id", "title", "description"]);
  }
  const ids = PUBLISHED_SCHEMAS.map((entry) => toPublishedJsonSchema(entry).$id);
  assertEquals(new Set(ids).size, ids.length, "no two files share an $id");
});

/** Every `$ref` in `node`, at any depth. */
function refsOf(node: unknown): string[] {
  if (typeof node !== "object" || node === null) return [];
  const own = "$ref" in node && typeof node.$ref === "string" ? [node.$ref] : [];
  return [...own, ...Object.values(node).flatMap(refsOf)];
}

Deno.test("each file is self-contained: every $ref points into its own $defs", () => {
  for (const entry of PUBLISHED_SCHEMAS) {
    const document = toPublishedJsonSchema(entry);
    const defs = (document.$defs ?? {}) as Record<string, unknown>;
    for (const ref of refsOf(document)) {
      const name = ref.replace(/^#\/\$defs\//, "");
      assert(name !== ref && name in defs, `${entry.file}: ${ref} resolves inside the file`);
    }
  }
});

Deno.test("the files describe zod's input: output mode would differ only for the lenient envelope", () => {
  // If a transform, default or coercion is ever added, input and output differ for another file
  // too, and this test asks for a deliberate choice for it.
  const differing = PUBLISHED_SCHEMAS.filter(({ schema }) =>
    JSON.stringify(z.toJSONSchema(schema, { io: "input" })) !==
      JSON.stringify(z.toJSONSchema(schema, { io: "output" }))
  ).map((entry) => entry.file);
  assertEquals(differing, ["error-envelope.schema.json"]);
  const envelope = PUBLISHED_SCHEMAS.find((entry) => entry.file === "error-envelope.schema.json")!;
  const published = toPublishedJsonSchema(envelope);
  assert(!("additionalProperties" in published), "unknown fields are allowed, as zod accepts them");
  const output = z.toJSONSchema(envelope.schema, { io: "output" }) as Record<string, unknown>;
  assertEquals(output.additionalProperties, false);
  assert(envelope.schema.safeParse({ error: "E", message: "m", code: 500, via: "proxy" }).success);
});

Deno.test("the files carry no OpenAPI `example` and no `\\d`: what every 2020-12 validator reads alike", () => {
  for (const entry of PUBLISHED_SCHEMAS) {
    const text = renderSchemaFile(entry);
    assert(!text.includes('"example"'), `${entry.file}: "example" is not a 2020-12 keyword`);
    assert(!text.includes("\\\\d"), `${entry.file}: \\d means any Unicode digit in Python`);
  }
  const report = renderSchemaFile(PUBLISHED_SCHEMAS[0]);
  assert(report.includes('"examples": [\n'), "metadata examples survive as `examples`");
});

Deno.test("asciiDigits rewrites \\d outside and inside classes and leaves an escaped backslash", () => {
  const cases: [string, string][] = [
    [String.raw`\d`, "[0-9]"],
    [String.raw`[\d.]`, "[0-9.]"],
    [String.raw`\\d`, String.raw`\\d`],
    [String.raw`\\\d`, String.raw`\\[0-9]`],
    [String.raw`[\]\d]\d`, String.raw`[\]0-9][0-9]`],
    [String.raw`\D\.`, String.raw`\D\.`],
  ];
  for (const [pattern, expected] of cases) assertEquals(asciiDigits(pattern), expected, pattern);
});

Deno.test("what JSON Schema cannot express is named in the file's description", () => {
  const search = PUBLISHED_SCHEMAS.find((entry) => entry.file === "user-search.schema.json")!;
  const description = String(toPublishedJsonSchema(search).description);
  assert(description.includes("not expressible here: candidates has at most `limit` entries"));
  assertEquals(
    PUBLISHED_SCHEMAS.filter((entry) => entry.notExpressed !== undefined).map((e) => e.file),
    ["user-search.schema.json"],
  );
});
