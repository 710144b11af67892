/**
 * zod's ahead-of-time compiler (`z.compile`, `zod/v4/core/compile.js`) as the Worker bundle
 * carries it: left out (about 31 KiB minified, 7 KiB gzip).
 *
 * Nothing in the Worker compiles schemas: `z.compile` is opt-in (`import "zod/compile"` or a
 * call), and zod's parser never imports the compiler (`core/parse.js` mirrors its sentinels for
 * that reason). The namespace that `@hono/zod-openapi` extends keeps it reachable, so the `alias`
 * in `wrangler.jsonc` points zod's `./compile.js` import (from `core/index.js`) here. The
 * replacement keeps every export name; a call fails loudly instead of silently.
 *
 * @module
 */

/** What a call to `z.compile` (or its helpers) inside the Worker throws. */
export const COMPILE_OMITTED = "Compiling a zod schema failed: z.compile is left out of the " +
  "Worker bundle to keep it small (see the alias in apps/worker/wrangler.jsonc).";

/** zod's sentinel for a failed compiled parse (a registry symbol, as zod's own). */
export const INVALID: unique symbol = Symbol.for("zod.compile.invalid") as never;

/** zod's error for async schemas under `compile`; kept so `instanceof` checks still work. */
export class ZodCompileAsyncError extends Error {
  constructor(message = COMPILE_OMITTED) {
    super(message);
    this.name = "ZodCompileAsyncError";
  }
}

/** zod's error for features the compiler cannot model; kept so `instanceof` checks still work. */
export class ZodCompileUnsupportedError extends Error {
  constructor(message = COMPILE_OMITTED) {
    super(message);
    this.name = "ZodCompileUnsupportedError";
  }
}

/**
 * Always throws: the Worker bundle does not include zod's compiler.
 *
 * @throws {Error} Always, with {@linkcode COMPILE_OMITTED}.
 */
export function compile(_schema?: unknown, _options?: unknown): never {
  throw new Error(COMPILE_OMITTED);
}

/**
 * Always throws, like {@linkcode compile}.
 *
 * @throws {Error} Always, with {@linkcode COMPILE_OMITTED}.
 */
export function withParser(_schema?: unknown, _parser?: unknown): never {
  throw new Error(COMPILE_OMITTED);
}

/**
 * Always throws, like {@linkcode compile}.
 *
 * @throws {Error} Always, with {@linkcode COMPILE_OMITTED}.
 */
export function compileFn(_schema?: unknown, _options?: unknown): never {
  throw new Error(COMPILE_OMITTED);
}
