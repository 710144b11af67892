import { assertEquals } from "@std/assert";
import {
  clientAddress,
  CLOUDFLARE_CLIENT_ADDRESS,
  type TrustedProxy,
  UNKNOWN_CLIENT,
} from "./client_ip.ts";

const XFF_ONE_HOP: TrustedProxy = { header: "x-forwarded-for", hops: 1 };
const XFF_TWO_HOPS: TrustedProxy = { header: "x-forwarded-for", hops: 2 };
const CLOUDFLARE = CLOUDFLARE_CLIENT_ADDRESS.trustedProxy!;

const CASES: Array<{
  name: string;
  headers: Array<[string, string]>;
  connection: string | undefined;
  proxy: TrustedProxy | null;
  expected: string;
}> = [
  {
    name: "the connection address, ignoring CF-Connecting-IP without a trusted proxy",
    headers: [["cf-connecting-ip", "198.51.100.2"]],
    connection: "127.0.0.1",
    proxy: null,
    expected: "127.0.0.1",
  },
  {
    name: "the connection address, ignoring X-Forwarded-For without a trusted proxy",
    headers: [["x-forwarded-for", "203.0.113.7"]],
    connection: "127.0.0.1",
    proxy: null,
    expected: "127.0.0.1",
  },
  {
    name: "unknown without a connection address or trusted proxy",
    headers: [["x-forwarded-for", "203.0.113.7"]],
    connection: undefined,
    proxy: null,
    expected: UNKNOWN_CLIENT,
  },
  {
    name: "the hop one trusted proxy appended, not the client's first hop",
    headers: [["x-forwarded-for", "192.0.2.66, 192.0.2.67, 203.0.113.7"]],
    connection: "10.0.0.1",
    proxy: XFF_ONE_HOP,
    expected: "203.0.113.7",
  },
  {
    name: "the second entry from the right behind two trusted proxies",
    headers: [["x-forwarded-for", "192.0.2.66,198.51.100.2 , 10.0.0.9"]],
    connection: "10.0.0.1",
    proxy: XFF_TWO_HOPS,
    expected: "198.51.100.2",
  },
  {
    name: "the last header line when a proxy added its own line",
    headers: [["x-forwarded-for", "192.0.2.66"], ["x-forwarded-for", "203.0.113.7"]],
    connection: "10.0.0.1",
    proxy: XFF_ONE_HOP,
    expected: "203.0.113.7",
  },
  {
    name: "the connection address when the trusted header is missing",
    headers: [["cf-connecting-ip", "192.0.2.66"]],
    connection: "198.51.100.4",
    proxy: XFF_ONE_HOP,
    expected: "198.51.100.4",
  },
  {
    name: "the connection address when the header has fewer entries than hops",
    headers: [["x-forwarded-for", "192.0.2.66"]],
    connection: "198.51.100.4",
    proxy: XFF_TWO_HOPS,
    expected: "198.51.100.4",
  },
  {
    name: "the connection address when the trusted hop is empty",
    headers: [["x-forwarded-for", "203.0.113.7, "]],
    connection: "198.51.100.4",
    proxy: XFF_ONE_HOP,
    expected: "198.51.100.4",
  },
  {
    name: "the connection address when the trusted hop is absurdly long",
    headers: [["x-forwarded-for", "x".repeat(100)]],
    connection: "198.51.100.4",
    proxy: XFF_ONE_HOP,
    expected: "198.51.100.4",
  },
  {
    name: "CF-Connecting-IP on the Worker, ignoring X-Forwarded-For",
    headers: [["cf-connecting-ip", "2001:db8::7"], ["x-forwarded-for", "192.0.2.66"]],
    connection: undefined,
    proxy: CLOUDFLARE,
    expected: "2001:db8::7",
  },
  {
    name: "unknown on the Worker without CF-Connecting-IP, even with X-Forwarded-For",
    headers: [["x-forwarded-for", "192.0.2.66"]],
    connection: undefined,
    proxy: CLOUDFLARE,
    expected: UNKNOWN_CLIENT,
  },
];

for (const { name, headers, connection, proxy, expected } of CASES) {
  Deno.test(`clientAddress takes ${name}`, () => {
    const list = new Headers();
    for (const [header, value] of headers) list.append(header, value);
    assertEquals(clientAddress(list, connection, proxy), expected);
  });
}
