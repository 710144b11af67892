/**
 * The security headers, split by what a browser does with them:
 *
 * - {@linkcode SECURE_HEADERS}, on EVERY response (the JSON API's included): HSTS, `nosniff`,
 *   X-Frame-Options and Cross-Origin-Resource-Policy: the ones that protect a response that is
 *   not a page (OWASP's REST cheat sheet asks for the first three on API responses; CORP keeps
 *   other sites from loading the JSON `no-cors`).
 * - {@linkcode DOCUMENT_HEADERS}, on the HTML pages only (`/admin`, `/docs`, which also send
 *   their own Content-Security-Policy): Referrer-Policy and Cross-Origin-Opener-Policy govern
 *   what a DOCUMENT sends and opens, and do nothing on a JSON answer.
 *
 * Hono's `secureHeaders()` sent all of these everywhere plus legacy headers modern browsers
 * ignore (X-XSS-Protection, X-Download-Options, X-DNS-Prefetch-Control,
 * X-Permitted-Cross-Domain-Policies, Origin-Agent-Cluster); every header costs work on every
 * response (measured in apps/bench/BENCHMARKS.md), so each one sent has to protect something.
 *
 * @module
 */

/** Name and value of every security header of every response. */
export const SECURE_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
];

/** The headers only documents need, for the page routes to add to their answers. */
export const DOCUMENT_HEADERS = {
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
} as const;

/**
 * The one security header a route may set to its own value (the widget script is embeddable
 * cross-origin); every other one is the same on every response.
 */
export const ROUTE_OVERRIDABLE_HEADER = "Cross-Origin-Resource-Policy";

/**
 * Adds the security headers to a response's `headers`. A {@linkcode ROUTE_OVERRIDABLE_HEADER}
 * the route set is kept; the others are appended without a lookup first (one header operation
 * each on every response: no route sets them; app_test checks each is sent once on the JSON,
 * error and page answers).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { setSecureHeaders } from "./secure_headers.ts";
 * const headers = new Headers({ "cross-origin-resource-policy": "cross-origin" });
 * setSecureHeaders(headers);
 * assertEquals(headers.get("x-content-type-options"), "nosniff");
 * assertEquals(headers.get("cross-origin-resource-policy"), "cross-origin");
 * ```
 */
export function setSecureHeaders(headers: Headers): void {
  for (const [name, value] of SECURE_HEADERS) {
    if (name !== ROUTE_OVERRIDABLE_HEADER || !headers.has(name)) headers.append(name, value);
  }
}
