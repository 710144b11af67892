/**
 * Request ids: every response carries `X-Request-Id`. A caller's id is kept only when it is a
 * short token of safe characters (it ends up in logs); otherwise a fresh `req_<random>` is used.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";

const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The id to use for a request given its incoming `X-Request-Id` header.
 *
 * @example
 * ```ts
 * import { resolveRequestId } from "@spkey/api";
 * console.assert(resolveRequestId("abc-123") === "abc-123");
 * console.assert(resolveRequestId("bad id\n").startsWith("req_"));
 * ```
 */
export function resolveRequestId(incoming: string | undefined | null): string {
  if (incoming && ACCEPTABLE_ID.test(incoming)) return incoming;
  // 24 hex digits of a native random UUID: cheaper per request than formatting random bytes.
  return `req_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

/** Sets `requestId` on the context and `X-Request-Id` on the response. */
export function requestIdMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = resolveRequestId(c.req.header("x-request-id"));
    c.set("requestId", id);
    await next();
    c.res.headers.set("X-Request-Id", id);
  };
}
