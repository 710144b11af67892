import { assertEquals } from "@std/assert";
import { clientAddress } from "./client_ip.ts";

const CASES: Array<[string, Record<string, string>, string | undefined, string]> = [
  [
    "Cloudflare's header first",
    { "cf-connecting-ip": "198.51.100.2", "x-forwarded-for": "203.0.113.7" },
    "10.0.0.1",
    "198.51.100.2",
  ],
  [
    "the first x-forwarded-for hop",
    { "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" },
    "10.0.0.2",
    "203.0.113.7",
  ],
  ["the connection address without proxy headers", {}, "127.0.0.1", "127.0.0.1"],
  ["unknown without anything", {}, undefined, "unknown"],
  [
    "the next source when a header is absurdly long",
    { "x-forwarded-for": "x".repeat(100) },
    "127.0.0.1",
    "127.0.0.1",
  ],
];

for (const [name, headers, connection, expected] of CASES) {
  Deno.test(`clientAddress takes ${name}`, () => {
    assertEquals(clientAddress(new Headers(headers), connection), expected);
  });
}
