import { assert, assertEquals, assertRejects } from "@std/assert";
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

Deno.test("createJwksCache never follows a redirect: the attempt fails and nothing else is asked", async () => {
  const asked: Array<{ url: string; redirect: RequestRedirect | undefined }> = [];
  const fetchFn: typeof fetch = (input, init) => {
    asked.push({ url: String(input), redirect: init?.redirect });
    return Promise.resolve(
      new Response(null, { status: 307, headers: { location: "https://evil.example/jwks" } }),
    );
  };
  const cache = createJwksCache({ url: "https://auth.example/jwks", fetch: fetchFn });
  await assertRejects(() => cache("k1"), JwksUnavailableError, "(redirect)");
  assertEquals(asked, [{ url: "https://auth.example/jwks", redirect: "manual" }]);
});

Deno.test("createJwksCache stops reading a key set past 256 KiB", async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024).fill(32));
    },
  });
  const fetchFn: typeof fetch = () => Promise.resolve(new Response(endless, { status: 200 }));
  const cache = createJwksCache({ url: "https://auth.example/jwks", fetch: fetchFn });
  await assertRejects(() => cache("k1"), JwksUnavailableError, "(too_large)");
  assert(pulled <= 6, `read ${pulled} chunks of 64 KiB`);
});

for (const [name, body] of BAD) {
  Deno.test(`createJwksCache reports ${name} as JwksUnavailableError`, async () => {
    const { fetchFn } = countingFetch([body]);
    const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn });
    await assertRejects(() => cache("k1"), JwksUnavailableError, "JWKS");
  });
}

Deno.test("createJwksCache retries a failed fetch only after the cooldown", async () => {
  let now = 0;
  const { calls, fetchFn } = countingFetch([new Response("", { status: 503 }), SET_1]);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
  await assertRejects(() => cache("k1"), JwksUnavailableError, "HTTP 503");
  now = 29_999;
  await assertRejects(() => cache("k1"), JwksUnavailableError, "HTTP 503");
  assertEquals(calls.length, 1, "no second attempt inside the cooldown");
  now = 30_000;
  assertEquals(await cache("k1"), SET_1.keys);
  assertEquals(calls.length, 2);
});

/** A JWKS endpoint that can be switched down, recording when each attempt started. */
function switchableEndpoint(clock: () => number, body: unknown = SET_1) {
  const state = { down: false, attempts: [] as number[] };
  const fetchFn: typeof fetch = () => {
    state.attempts.push(clock());
    return state.down
      ? Promise.reject(new TypeError("connection refused"))
      : Promise.resolve(Response.json(body));
  };
  return { state, fetchFn };
}

const randomKid = () => crypto.randomUUID();

/** Asserts that consecutive attempts started at least `cooldownMs` apart. */
function assertSpacedBy(attempts: number[], cooldownMs: number) {
  for (let i = 1; i < attempts.length; i++) {
    assert(
      attempts[i] - attempts[i - 1] >= cooldownMs,
      `attempts at ${attempts[i - 1]} and ${attempts[i]} ms are closer than ${cooldownMs} ms`,
    );
  }
}

for (const warm of [false, true]) {
  Deno.test(
    `an outage under a flood of random kids makes at most one fetch per cooldown (${
      warm ? "with" : "without"
    } a cached set)`,
    async () => {
      let now = 0;
      const { state, fetchFn } = switchableEndpoint(() => now);
      const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
      if (warm) await cache("k1");
      state.down = true;
      const before = state.attempts.length;
      const start = now;
      // 3,000 tokens with unknown kids over 5 minutes, some of them concurrent.
      for (let i = 0; i < 1000; i++) {
        now += 300;
        const answers = await Promise.allSettled([cache(randomKid()), cache(randomKid())]);
        await cache(randomKid()).catch(() => {});
        for (const answer of answers) {
          if (warm) assertEquals(answer.status, "fulfilled", "the cached set is still served");
          else {assert(
              answer.status === "rejected" && answer.reason instanceof JwksUnavailableError,
            );}
        }
      }
      const during = state.attempts.slice(before);
      assert(during.length >= 1, "the outage was noticed");
      assert(during.length <= Math.floor((now - start) / 30_000) + 1, `${during.length} fetches`);
      assertSpacedBy(state.attempts, 30_000);
    },
  );
}

Deno.test("a successful fetch starts the cooldown too: unknown kids cannot force refetches", async () => {
  let now = 0;
  const { state, fetchFn } = switchableEndpoint(() => now);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
  for (let i = 0; i < 600; i++) {
    now += 500;
    assertEquals(await cache(randomKid()), SET_1.keys);
  }
  assertEquals(state.attempts.length, Math.floor((now - 500) / 30_000) + 1, "the first at 500 ms");
  assertSpacedBy(state.attempts, 30_000);
});

Deno.test("a token without kid never triggers a refetch of a fresh set", async () => {
  let now = 0;
  const { state, fetchFn } = switchableEndpoint(() => now);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
  await cache(undefined);
  now = 9 * 60_000;
  assertEquals(await cache(undefined), SET_1.keys);
  assertEquals(state.attempts.length, 1);
});

Deno.test("during an outage the last good set is served up to an hour past its TTL, then not", async () => {
  let now = 0;
  const { state, fetchFn } = switchableEndpoint(() => now);
  const cache = createJwksCache({ url: "https://a/jwks", fetch: fetchFn, now: () => now });
  await cache("k1");
  state.down = true;
  for (now = 10 * 60_000; now < 70 * 60_000; now += 60_000) {
    assertEquals(await cache("k1"), SET_1.keys, `at ${now / 60_000} min`);
  }
  now = 70 * 60_000 - 1;
  assertEquals(await cache("k1"), SET_1.keys, "just inside the bound");
  now = 70 * 60_000;
  await assertRejects(() => cache("k1"), JwksUnavailableError, "Fetching the JWKS failed");
  now += 1000;
  await assertRejects(() => cache("k1"), JwksUnavailableError, "Fetching the JWKS failed");
  assertSpacedBy(state.attempts, 30_000);
  // The endpoint comes back: the next attempt (after the cooldown) restores service.
  state.down = false;
  now += 30_000;
  assertEquals(await cache("k1"), SET_1.keys);
});

Deno.test("the stale bound and the cooldown are options", async () => {
  let now = 0;
  const { state, fetchFn } = switchableEndpoint(() => now);
  const cache = createJwksCache({
    url: "https://a/jwks",
    fetch: fetchFn,
    now: () => now,
    ttlMs: 1000,
    cooldownMs: 100,
    maxStaleMs: 500,
  });
  await cache("k1");
  state.down = true;
  now = 1499;
  assertEquals(await cache("k1"), SET_1.keys);
  now = 1500;
  await assertRejects(() => cache("k1"), JwksUnavailableError);
  assertEquals(state.attempts, [0, 1499], "no attempt again 1 ms later");
});
