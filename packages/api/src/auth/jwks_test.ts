import { assertEquals, assertRejects } from "@std/assert";
import { createJwksCache, JwksUnavailableError } from "./jwks.ts";

function countingFetch(bodies: unknown[]) {
  const calls: string[] = [];
  const fetchFn: typeof fetch = (input) => {
    calls.push(String(input));
    const body = bodies[Math.min(calls.length - 1, bodies.length - 1)];
    return Promise.resolve(
      body instanceof Response ? body : Response.json(body),
    );
  };
  return { calls, fetchFn };
}

const SET_1 = { keys: [{ kty: "EC", kid: "k1" }] };
const SET_2 = { keys: [{ kty: "EC", kid: "k1" }, { kty: "EC", kid: "k2" }] };

Deno.test("createJwksCache fetches once for concurrent and repeated lookups", async () => {
  const { calls, fetchFn } = countingFetch([SET_1]);
  const cache = createJwksCache({ url: "https://auth.example/jwks", fetch: fetchFn });
  const results = await Promise.all([cache("k1"), cache("k1"), cache("k1")]);
  await cache("k1");
  assertEquals(calls, ["https://auth.example/jwks"]);
  assertEquals(results[0], SET_1.keys);
});

Deno.test("createJwksCache refetches after the TTL", async () => {
  let now = 0;
  const { calls, fetchFn } = countingFetch([SET_1, SET_2]);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
  await cache("k1");
  now = 9 * 60_000;
  await cache("k1");
  assertEquals(calls.length, 1);
  now = 10 * 60_000;
  assertEquals(await cache("k1"), SET_2.keys);
  assertEquals(calls.length, 2);
});

Deno.test("createJwksCache refetches early for an unknown kid at most every 30 s", async () => {
  let now = 0;
  const { calls, fetchFn } = countingFetch([SET_1, SET_2]);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
  await cache("k1");
  now = 10_000;
  assertEquals(await cache("k2"), SET_1.keys, "too soon to refetch");
  now = 31_000;
  assertEquals(await cache("k2"), SET_2.keys);
  assertEquals(calls.length, 2);
});

const BAD: Array<[string, unknown]> = [
  ["an HTTP error", new Response("nope", { status: 500 })],
  ["a body that is not JSON", new Response("<html>", { status: 200 })],
  ["a body without keys", { nope: [] }],
  ["keys that are not objects", { keys: ["k1"] }],
];

for (const [name, body] of BAD) {
  Deno.test(`createJwksCache reports ${name} as JwksUnavailableError`, async () => {
    const { fetchFn } = countingFetch([body]);
    const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn });
    await assertRejects(() => cache("k1"), JwksUnavailableError, "JWKS");
  });
}

Deno.test("createJwksCache retries after a failed fetch", async () => {
  const { calls, fetchFn } = countingFetch([new Response("", { status: 503 }), SET_1]);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn });
  await assertRejects(() => cache("k1"), JwksUnavailableError);
  assertEquals(await cache("k1"), SET_1.keys);
  assertEquals(calls.length, 2);
});
