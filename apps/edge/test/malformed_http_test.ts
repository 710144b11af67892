/**
 * Pins what Deno's HTTP server (not our app) does with requests it cannot parse: a bare `400 Bad
 * Request` with an empty body, no envelope and no `X-Request-Id`, before the app ever runs. The
 * README documents this as the runtime's behaviour; if a Deno upgrade changes it, this test says
 * so. Raw TCP to the real entry (`main.ts`), since `fetch` refuses to send such requests.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { startEdgeService } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

/** The status line, lower-cased headers and body of the answer to `request`, sent raw. */
async function rawExchange(port: number, request: string) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const received: number[] = [];
  try {
    // The server may answer and close before it read everything we send: that is fine.
    await conn.write(new TextEncoder().encode(request)).catch(() => {});
    const buffer = new Uint8Array(16_384);
    for (;;) {
      const n = await conn.read(buffer).catch(() => null);
      if (n === null) break;
      received.push(...buffer.subarray(0, n));
    }
  } finally {
    conn.close();
  }
  const text = new TextDecoder().decode(new Uint8Array(received));
  const [head, ...body] = text.split("\r\n\r\n");
  const [statusLine, ...fields] = head.split("\r\n");
  const headers = new Map(fields.map((field) => {
    const colon = field.indexOf(":");
    return [field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim()] as const;
  }));
  return { statusLine, headers, body: body.join("\r\n\r\n") };
}

const request = (fields: string[]) =>
  `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${
    fields.map((field) => `${field}\r\n`).join("")
  }Connection: close\r\n\r\n`;

const manyFields = (count: number) => Array.from({ length: count }, (_, i) => `X-Field-${i}: v`);

Deno.test("Deno answers malformed HTTP with a bare 400 before the app runs", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-malformed-" });
  const service = await startEdgeService({
    main: EDGE_APP.main,
    env: {
      ADMIN_API_KEYS: "edge-test-admin-key-0123456789",
      JWT_SECRET: "edge-test-jwt-secret-0123456789abcdef",
      DATABASE_PATH: `${dir}/spkey.sqlite`,
    },
  });
  try {
    await t.step("a well-formed request near the limits reaches the app", async () => {
      const answer = await rawExchange(
        service.port,
        request([`X-Big: ${"a".repeat(60_000)}`, ...manyFields(120)]),
      );
      assertEquals(answer.statusLine, "HTTP/1.1 200 OK");
      assertMatch(answer.headers.get("x-request-id") ?? "", /^req_/);
    });

    const malformed: Array<[string, string]> = [
      ["a bare CR inside a header value", request(["X-Note: a\rb"])],
      ["a bare CR inside a header name", request(["X\rNote: a"])],
      ["a NUL inside a header value", request(["X-Note: a\0b"])],
      ["a header section over 64 KiB", request([`X-Big: ${"a".repeat(70_000)}`])],
      ["a 90 KB header section", request([`X-Big: ${"a".repeat(90_000)}`])],
      ["more than 128 header fields", request(manyFields(140))],
    ];
    for (const [name, raw] of malformed) {
      await t.step(`${name}: 400, empty body, no envelope, no request id`, async () => {
        const answer = await rawExchange(service.port, raw);
        assertEquals(answer.statusLine, "HTTP/1.1 400 Bad Request");
        assertEquals(answer.headers.get("content-length"), "0");
        assertEquals(answer.body, "");
        assert(!answer.headers.has("x-request-id"), "the app never saw it");
        assert(!answer.headers.has("content-type"));
      });
    }
  } finally {
    await service.close();
    await Deno.remove(dir, { recursive: true });
  }
});
