/**
 * The client address used to key the auth failure limiter: `cf-connecting-ip` (set by
 * Cloudflare), else the first hop of `x-forwarded-for` (set by Deno Deploy and most proxies),
 * else the connection's address from the runtime. These headers are only trustworthy behind a
 * proxy that overwrites them; a directly exposed server should pass its connection address.
 *
 * @module
 */

const MAX_ADDRESS_LENGTH = 64;

/**
 * The client address for `headers`, falling back to `connectionAddress`, else `"unknown"`.
 *
 * @example
 * ```ts
 * import { clientAddress } from "@spkey/api";
 * const headers = new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" });
 * console.assert(clientAddress(headers) === "203.0.113.7");
 * ```
 */
export function clientAddress(headers: Headers, connectionAddress?: string | null): string {
  // In order, each read only when the one before gave nothing usable (this runs per request).
  return usable(headers.get("cf-connecting-ip")) ??
    usable(firstHop(headers.get("x-forwarded-for"))) ??
    usable(connectionAddress) ??
    "unknown";
}

function firstHop(forwardedFor: string | null): string | null {
  if (forwardedFor === null) return null;
  const comma = forwardedFor.indexOf(",");
  return comma === -1 ? forwardedFor : forwardedFor.slice(0, comma);
}

function usable(candidate: string | null | undefined): string | null {
  const address = candidate?.trim();
  return address && address.length <= MAX_ADDRESS_LENGTH ? address : null;
}
