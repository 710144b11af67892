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
  const candidates = [
    headers.get("cf-connecting-ip"),
    headers.get("x-forwarded-for")?.split(",")[0],
    connectionAddress,
  ];
  for (const candidate of candidates) {
    const address = candidate?.trim();
    if (address && address.length <= MAX_ADDRESS_LENGTH) return address;
  }
  return "unknown";
}
