/**
 * Request ids: every response carries `X-Request-Id`. A caller's id is kept only when it is a
 * short token of safe characters (it ends up in logs); otherwise a fresh `req_<random>` is used.
 *
 * @module
 */
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The id to use for a request given its incoming `X-Request-Id` header.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { resolveRequestId } from "@spkey/api";
 * assertEquals(resolveRequestId("abc-123"), "abc-123");
 * assert(resolveRequestId("bad id\n").startsWith("req_"));
 * ```
 */
export function resolveRequestId(incoming: string | undefined | null): string {
  if (incoming && ACCEPTABLE_ID.test(incoming)) return incoming;
  // 24 hex digits of a native random UUID: cheaper per request than formatting random bytes.
  return `req_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
}
