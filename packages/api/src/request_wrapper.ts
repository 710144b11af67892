/**
 * The wrapper around every request (not to be confused with the error envelope of `errors.ts`),
 * in ONE middleware hop (each hop is a closure, a promise and a
 * dispatch step on every request): the request id (set first, echoed in `X-Request-Id` on every
 * response, errors included), the security headers, `Cache-Control: no-store` on admin
 * responses, the request log line once the response is known, and the same route and request
 * id on the runtime's span of the request (Deno.serve's server span, which already records the
 * method and the status), named `GET /admin/threedeye/users/:userId` after the route.
 *
 * @module
 */
import { NO_TRACER, type Tracer } from "@spkey/contracts/upstream";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";
import { type Logger, routePattern } from "./logging.ts";
import { resolveRequestId } from "./request_id.ts";
import { setSecureHeaders } from "./secure_headers.ts";

/**
 * The outermost middleware of the app: request id, security headers, no-store, request log,
 * request span (`tracer.activeSpan()`, when the runtime traces requests).
 */
export function requestWrapper(
  log: Logger,
  now: () => number,
  tracer: Tracer = NO_TRACER,
): MiddlewareHandler<AppEnv> {
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
    const route = routePattern(c);
    const span = tracer.activeSpan();
    span?.rename(`${c.req.method} ${route}`);
    span?.setAttributes({ "http.route": route, "spkey.request_id": requestId });
    log(status >= 500 ? "error" : "info", "request", {
      method: c.req.method,
      route,
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
