/**
 * zod's `fromJSONSchema` as the Worker bundle carries it: left out (about 12 KiB minified).
 *
 * Nothing in the Worker builds zod schemas from JSON Schema; the namespace that
 * `@hono/zod-openapi` extends keeps it reachable, so the `alias` in `wrangler.jsonc` points
 * zod's `./from-json-schema.js` import here. A call fails loudly instead of silently.
 *
 * @module
 */

/** What a call to `z.fromJSONSchema` inside the Worker throws. */
export const FROM_JSON_SCHEMA_OMITTED =
  "Converting a JSON Schema to a zod schema failed: z.fromJSONSchema is left out of the Worker " +
  "bundle to keep it small (see the alias in apps/worker/wrangler.jsonc).";

/**
 * Always throws: the Worker bundle does not include zod's JSON Schema importer.
 *
 * @throws {Error} Always, with {@linkcode FROM_JSON_SCHEMA_OMITTED}.
 */
export function fromJSONSchema(_schema?: unknown, _params?: unknown): never {
  throw new Error(FROM_JSON_SCHEMA_OMITTED);
}
