/**
 * What wraps every request, in ONE middleware hop (each hop is a closure, a promise and a
 * dispatch step on every request): the request id (set first, echoed in `X-Request-Id` on every
 * response, errors included), the security headers, `Cache-Control: no-store` on admin
 * responses, and the request log line once the response is known.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";
import { type Logger, routePattern } from "./logging.ts";
import { resolveRequestId } from "./request_id.ts";
import { setSecureHeaders } from "./secure_headers.ts";

/** The outermost middleware of the app: request id, security headers, no-store, request log. */
export function requestEnvelope(log: Logger, now: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = now();
    const requestId = resolveRequestId(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    await next();
    const headers = c.res.headers;
    // A CORS preflight (OPTIONS with an Origin) is answered by the CORS layer, not the admin
    // API, and has never carried no-store: only the admin answers themselves do.
    const preflight = c.req.method === "OPTIONS" && c.req.header("origin") !== undefined;
    if (!preflight && isAdminPath(c.req.path)) {
      headers.set("Cache-Control", "no-store");
    }
    setSecureHeaders(headers);
    const status = c.res.status;
    log(status >= 500 ? "error" : "info", "request", {
      method: c.req.method,
      route: routePattern(c),
      status,
      durationMs: Math.max(0, Math.round((now() - started) * 100) / 100),
      requestId,
      admin: c.get("adminSubject") ?? null,
    });
    headers.set("X-Request-Id", requestId);
  };
}

function isAdminPath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin/");
}
