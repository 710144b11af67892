/**
 * What Workers observability records is set in `wrangler.jsonc`, and the installed wrangler must
 * understand every key of it: a key it does not know (a newer wrangler's `redact_query_string`,
 * say) would be dropped on deploy while the file looked safe.
 */
import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { nodeModulesPath, WORKER_DIR } from "../scripts/node_modules_path.ts";

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  $ref?: string;
}

async function observabilityBlock(): Promise<Record<string, unknown>> {
  const text = await Deno.readTextFile(join(WORKER_DIR, "wrangler.jsonc"));
  const json = text.split("\n").filter((line) => !line.trim().startsWith("//")).join("\n");
  return JSON.parse(json).observability;
}

/** The paths in `value` the schema does not declare (with `additionalProperties: false`). */
function unknownKeys(value: unknown, schema: JsonSchema, path: string): string[] {
  if (typeof value !== "object" || value === null || schema.properties === undefined) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const declared = schema.properties?.[key];
    if (declared === undefined) return schema.additionalProperties === false ? [path + key] : [];
    return unknownKeys(child, declared, `${path}${key}.`);
  });
}

Deno.test("Workers observability keeps our log lines, and no invocation log or trace records a URL", async () => {
  assertEquals(await observabilityBlock(), {
    enabled: true,
    logs: { enabled: true, invocation_logs: false },
  });
});

Deno.test("every observability key in wrangler.jsonc is one the installed wrangler knows", async () => {
  const schema = JSON.parse(
    await Deno.readTextFile(nodeModulesPath("wrangler/config-schema.json")),
  ) as { definitions: Record<string, JsonSchema> };
  const observability = schema.definitions.Observability;
  assertEquals(unknownKeys(await observabilityBlock(), observability, ""), []);
  // The check can fail: a key this wrangler does not have is reported.
  assertEquals(
    unknownKeys({ enabled: true, logs: { redact_query_string: true } }, observability, ""),
    ["logs.redact_query_string"],
  );
});
