/**
 * CORS for the configured origins only (exact match). Applied only to requests that carry an
 * `Origin` header, so a plain `OPTIONS` is answered like any other method (405 with `Allow`), and
 * a preflight from an origin not on the list gets no `Access-Control-Allow-Origin`.
 *
 * The widget may run on another origin: it may send `Cache-Control` (its Refresh button asks for
 * a fresh 3dEye listing with `no-cache`) and read `X-Remote-Fetched-At` (how old the report's
 * 3dEye part is), besides the auth headers and `X-Request-Id`.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./app_env.ts";
import { REMOTE_FETCHED_AT_HEADER } from "./openapi.ts";

/** The CORS middleware for `origins`. */
export function corsPolicy(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins);
  const handler = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: [
      "Authorization",
      "X-Admin-API-Key",
      "X-API-Key",
      "X-Request-Id",
      "Content-Type",
      "Cache-Control",
    ],
    exposeHeaders: ["X-Request-Id", "Retry-After", "WWW-Authenticate", REMOTE_FETCHED_AT_HEADER],
    maxAge: 600,
  });
  return async (c, next) => {
    if (c.req.header("origin") !== undefined) return handler(c, next);
    await next();
    // Answers differ by Origin, so a shared cache must not reuse this one for a CORS request.
    if (allowed.size > 0) c.res.headers.append("Vary", "Origin");
  };
}
