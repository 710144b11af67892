import { assertEquals } from "@std/assert";
import { DOCUMENT_HEADERS, SECURE_HEADERS, setSecureHeaders } from "./secure_headers.ts";

Deno.test("setSecureHeaders adds every security header to a bare response", () => {
  const headers = new Headers({ "content-type": "application/json" });
  setSecureHeaders(headers);
  assertEquals(headers.get("x-content-type-options"), "nosniff");
  assertEquals(headers.get("x-frame-options"), "SAMEORIGIN");
  assertEquals(headers.get("strict-transport-security"), "max-age=15552000; includeSubDomains");
  assertEquals(headers.get("cross-origin-resource-policy"), "same-origin");
  assertEquals([...headers.keys()].length, SECURE_HEADERS.length + 1);
});

Deno.test("setSecureHeaders keeps a value a route set on purpose, without a duplicate", () => {
  const headers = new Headers({ "Cross-Origin-Resource-Policy": "cross-origin" });
  setSecureHeaders(headers);
  assertEquals(headers.get("cross-origin-resource-policy"), "cross-origin");
});

Deno.test("the document-only headers are not among those of every response", () => {
  const headers = new Headers();
  setSecureHeaders(headers);
  for (const name of Object.keys(DOCUMENT_HEADERS)) assertEquals(headers.has(name), false, name);
  assertEquals(DOCUMENT_HEADERS["referrer-policy"], "no-referrer");
  assertEquals(DOCUMENT_HEADERS["cross-origin-opener-policy"], "same-origin");
});

Deno.test("setSecureHeaders leaves out the legacy headers browsers ignore", () => {
  const headers = new Headers();
  setSecureHeaders(headers);
  for (
    const legacy of [
      "x-xss-protection",
      "x-download-options",
      "x-dns-prefetch-control",
      "x-permitted-cross-domain-policies",
      "origin-agent-cluster",
    ]
  ) {
    assertEquals(headers.has(legacy), false, legacy);
  }
});
