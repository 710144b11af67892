/**
 * Marker strings of code that must never reach the widget bundle, per library. Each marker is a
 * string literal the library keeps through minification (error messages, curve constants), so a
 * bundle that pulled the library in contains it.
 *
 * @module
 */

/** Forbidden libraries and their markers. */
export const FORBIDDEN_MARKERS: Record<string, readonly string[]> = {
  hono: ["Context is not finalized", "matcher is already built"],
  "@hono/zod-openapi": ["getOpenAPIDocument", "openapi-3.0"],
  "@noble/curves": [
    // P-256 field prime and group order, secp256k1 field prime (hex digits of the BigInts).
    "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
    "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
  ],
  "X-Stamp signer": ["SIGNATURE_SCHEME_TK_API_P256"],
  zod: ["ZodError"],
};

/**
 * The libraries whose markers occur in `source` (case-insensitive for the hex constants).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { forbiddenLibrariesIn } from "./bundle_markers.ts";
 * assertEquals(forbiddenLibrariesIn("throw new Error('Context is not finalized')")[0], "hono");
 * ```
 */
export function forbiddenLibrariesIn(source: string): string[] {
  const lower = source.toLowerCase();
  return Object.entries(FORBIDDEN_MARKERS)
    .filter(([, markers]) =>
      markers.some((m) => source.includes(m) || lower.includes(m.toLowerCase()))
    )
    .map(([library]) => library);
}
