/**
 * The client address that keys the auth failure limiter. It comes from the runtime, never from a
 * header the client chose: the connection's remote address (Deno), or a header written by a
 * proxy the operator trusts, read at the hop that proxy appended. The runtime entry picks the
 * {@linkcode ClientAddressRule}: Deno passes its connection address and the optional
 * `TRUSTED_PROXY_HEADER` / `TRUSTED_PROXY_HOPS`; the Worker passes
 * {@linkcode CLOUDFLARE_CLIENT_ADDRESS} (`CF-Connecting-IP`, which Cloudflare's edge overwrites).
 *
 * A header is appended to left to right, so its left entries are whatever the client sent and
 * only the right ones were written by proxies. With `hops` trusted proxies in front of the
 * server, the address is therefore the `hops`-th entry from the RIGHT: the one the outermost
 * trusted proxy appended. When the header is missing or has fewer entries than `hops`, the
 * request did not pass through every trusted proxy, and the connection address is the best
 * truth left (the peer that actually connected).
 *
 * @module
 */
import type { Context } from "hono";

/** A header a trusted proxy appends the client's address to, and how many such proxies. */
export interface TrustedProxy {
  /** Lowercase header name, e.g. `x-forwarded-for`. */
  header: string;
  /** Trusted proxies in front of the server: the address is this many entries from the right. */
  hops: number;
}

/** How a runtime entry finds a request's client address. */
export interface ClientAddressRule {
  /** The connection's remote address, when the runtime has one (Deno's `remoteAddr`). */
  connectionAddress?: (c: Context) => string | null | undefined;
  /** A header written by a trusted proxy; absent or null: no header counts. */
  trustedProxy?: TrustedProxy | null;
}

/** The Worker's rule: Cloudflare's edge sets `CF-Connecting-IP` on every request it forwards. */
export const CLOUDFLARE_CLIENT_ADDRESS: ClientAddressRule = {
  trustedProxy: { header: "cf-connecting-ip", hops: 1 },
};

/** The key of requests whose address is unknown (no connection address, no trusted header). */
export const UNKNOWN_CLIENT = "unknown";

// Longer than any IPv6 text form; a longer value is not an address (and would bloat the limiter).
const MAX_ADDRESS_LENGTH = 64;

/**
 * The client address of a request with `headers` that arrived on a connection from `connection`.
 *
 * @param headers The request headers.
 * @param connection The connection's remote address, when the runtime knows it.
 * @param trustedProxy The trusted proxy's header and hop count, or null when there is none.
 * @returns The address, or {@linkcode UNKNOWN_CLIENT}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { clientAddress } from "./client_ip.ts";
 * const headers = new Headers({ "x-forwarded-for": "192.0.2.66, 203.0.113.7" });
 * // No trusted proxy: the header is the client's word, the connection is the truth.
 * assertEquals(clientAddress(headers, "198.51.100.4", null), "198.51.100.4");
 * // One trusted proxy: the hop it appended, never the client's first hop.
 * const proxy = { header: "x-forwarded-for", hops: 1 };
 * assertEquals(clientAddress(headers, "10.0.0.2", proxy), "203.0.113.7");
 * ```
 */
export function clientAddress(
  headers: Headers,
  connection: string | null | undefined,
  trustedProxy: TrustedProxy | null | undefined,
): string {
  if (trustedProxy) {
    const forwarded = trustedHop(headers.get(trustedProxy.header), trustedProxy.hops);
    if (forwarded !== null) return forwarded;
  }
  return usable(connection) ?? UNKNOWN_CLIENT;
}

function trustedHop(value: string | null, hops: number): string | null {
  if (value === null) return null;
  // Several header lines arrive joined by ", ", in the order the proxies added them.
  const entries = value.split(",");
  return entries.length < hops ? null : usable(entries[entries.length - hops]);
}

function usable(candidate: string | null | undefined): string | null {
  const address = candidate?.trim();
  return address && address.length <= MAX_ADDRESS_LENGTH ? address : null;
}
