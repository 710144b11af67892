/**
 * The security headers of a JSON API (the HTML pages add their own Content-Security-Policy):
 * the ones browsers still act on. Hono's `secureHeaders()` also sent legacy headers that modern
 * browsers ignore or that only concern plug-ins and old IE (X-XSS-Protection,
 * X-Download-Options, X-DNS-Prefetch-Control, X-Permitted-Cross-Domain-Policies,
 * Origin-Agent-Cluster); each one cost header work on every response for no protection.
 *
 * @module
 */

/** Name and value of every security header, as Hono's `secureHeaders()` spelled them. */
export const SECURE_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["Referrer-Policy", "no-referrer"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
];

/**
 * Adds each security header `headers` lacks; one a route set on purpose (e.g. the widget's
 * cross-origin Cross-Origin-Resource-Policy) is kept.
 *
 * @example
 * ```ts
 * import { setSecureHeaders } from "./secure_headers.ts";
 * const headers = new Headers({ "cross-origin-resource-policy": "cross-origin" });
 * setSecureHeaders(headers);
 * console.assert(headers.get("x-content-type-options") === "nosniff");
 * console.assert(headers.get("cross-origin-resource-policy") === "cross-origin");
 * ```
 */
export function setSecureHeaders(headers: Headers): void {
  // `append` after `has`: cheaper than `set` in Deno, and the same result for an absent name.
  for (const [name, value] of SECURE_HEADERS) if (!headers.has(name)) headers.append(name, value);
}
