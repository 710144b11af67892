import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  generateKeyPair,
  signAsymmetric,
  signHs256,
  unsignedToken,
  withPayload,
  withTamperedSignature,
} from "@spkey/testkit/conformance";
import {
  adminClaims,
  adminHeaders,
  adminJwt,
  buildTestApp,
  TEST_ADMIN_KEY,
  TEST_JWT_SECRET,
  TEST_ROTATED_KEY,
  testEnv,
} from "../../test/support/test_app.ts";
import { FORBIDDEN_MESSAGE, UNAUTHENTICATED_MESSAGE } from "./admin_auth.ts";
import { createMemoryFailureTally, type FailureTally } from "./failure_tally.ts";

const PATH = "/admin/threedeye/users/11111111-1111-4111-8111-111111111111";

async function get(app: ReturnType<typeof buildTestApp>["app"], headers: Record<string, string>) {
  const res = await app.request(PATH, { headers });
  return { res, body: await res.json() };
}

type HeaderCase = [string, () => Promise<Record<string, string>>, 200 | 401 | 403];

const bearer = async (claims = {}) => `Bearer ${await adminJwt(claims)}`;

const CASES: HeaderCase[] = [
  [
    "both credentials",
    async () => ({ "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: await bearer() }),
    200,
  ],
  [
    "the X-API-Key alias",
    async () => ({ "X-API-Key": TEST_ADMIN_KEY, Authorization: await bearer() }),
    200,
  ],
  [
    "the rotated second key",
    async () => ({ "X-Admin-API-Key": TEST_ROTATED_KEY, Authorization: await bearer() }),
    200,
  ],
  [
    "a lowercase bearer scheme",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: (await bearer()).replace("Bearer", "bearer"),
    }),
    200,
  ],
  [
    "an admin email in another case",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "Ops@SmartphoneKey.COM" }),
    }),
    200,
  ],
  ["no API key", async () => ({ Authorization: await bearer() }), 401],
  [
    "a wrong API key",
    async () => ({
      "X-Admin-API-Key": "wrong-admin-key-0123456789",
      Authorization: await bearer(),
    }),
    401,
  ],
  ["an empty API key", async () => ({ "X-Admin-API-Key": "", Authorization: await bearer() }), 401],
  [
    "a wrong primary key beside a right alias",
    async () => ({
      "X-Admin-API-Key": "wrong-admin-key-0123456789",
      "X-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer(),
    }),
    401,
  ],
  [
    "an oversized API key",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY + "x".repeat(1100),
      Authorization: await bearer(),
    }),
    401,
  ],
  ["no Authorization", () => Promise.resolve({ "X-Admin-API-Key": TEST_ADMIN_KEY }), 401],
  [
    "a Basic Authorization",
    () =>
      Promise.resolve({
        "X-Admin-API-Key": TEST_ADMIN_KEY,
        Authorization: "Basic YWRtaW46YWRtaW4=",
      }),
    401,
  ],
  [
    "an empty bearer",
    () => Promise.resolve({ "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: "Bearer " }),
    401,
  ],
  [
    "an oversized Authorization",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: (await bearer()) + "A".repeat(9000),
    }),
    401,
  ],
  [
    "an alg none token",
    () =>
      Promise.resolve({
        "X-Admin-API-Key": TEST_ADMIN_KEY,
        Authorization: `Bearer ${unsignedToken(adminClaims())}`,
      }),
    401,
  ],
  [
    "an expired token",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ exp: Math.floor(Date.now() / 1000) - 120 }),
    }),
    401,
  ],
  [
    "a token not valid yet",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ nbf: Math.floor(Date.now() / 1000) + 3600 }),
    }),
    401,
  ],
  [
    "a wrong audience",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ aud: "someone-else" }),
    }),
    401,
  ],
  [
    "a wrong issuer",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ iss: "https://evil.example" }),
    }),
    401,
  ],
  [
    "a tampered payload",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: `Bearer ${withPayload(await adminJwt(), adminClaims({ sub: "root" }))}`,
    }),
    401,
  ],
  [
    "a tampered signature",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: `Bearer ${withTamperedSignature(await adminJwt())}`,
    }),
    401,
  ],
  [
    "a token signed with another secret",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: `Bearer ${await signHs256(
        adminClaims(),
        "some-other-secret-0123456789abcdefghij",
      )}`,
    }),
    401,
  ],
  [
    "an exp in the year 3e12",
    async () => ({ "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: await bearer({ exp: 1e20 }) }),
    401,
  ],
  [
    "a token living longer than 24 hours",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ exp: Math.floor(Date.now() / 1000) + 86_400 + 60 }),
    }),
    401,
  ],
  ["neither credential", () => Promise.resolve({}), 401],
  [
    "an admin domain spelled with the Kelvin sign",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "ops@smartphone\u212Aey.com" }),
    }),
    403,
  ],
  [
    "a NUL in the email's local part",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "ops\u0000@smartphonekey.com" }),
    }),
    403,
  ],
  [
    "email_verified false",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email_verified: false }),
    }),
    403,
  ],
  [
    'email_verified "false"',
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email_verified: "false" }),
    }),
    403,
  ],
  [
    "email_verified true",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email_verified: true }),
    }),
    200,
  ],
  [
    "a non-admin email",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "ops@example.com" }),
    }),
    403,
  ],
  [
    "a look-alike domain",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "ops@evil-smartphonekey.com" }),
    }),
    403,
  ],
  [
    "an admin domain as a prefix",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "ops@smartphonekey.com.evil.io" }),
    }),
    403,
  ],
  [
    "an admin subdomain",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: "ops@mail.smartphonekey.com" }),
    }),
    403,
  ],
  [
    "no email claim",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ email: undefined }),
    }),
    403,
  ],
  [
    "no sub claim",
    async () => ({
      "X-Admin-API-Key": TEST_ADMIN_KEY,
      Authorization: await bearer({ sub: undefined }),
    }),
    403,
  ],
];

for (const [name, headers, status] of CASES) {
  Deno.test(`GET /admin/threedeye/users/:id answers ${status} with ${name}`, async () => {
    const { app } = buildTestApp();
    const { res, body } = await get(app, await headers());
    assertEquals(res.status, status);
    if (status === 401) {
      assertEquals(body.message, UNAUTHENTICATED_MESSAGE, "one generic message");
      assertMatch(res.headers.get("www-authenticate") ?? "", /^Bearer\b/);
    }
    if (status === 403) assertEquals(body.message, FORBIDDEN_MESSAGE);
    if (status === 200) assertEquals(body.userId, "11111111-1111-4111-8111-111111111111");
  });
}

Deno.test("admin auth covers unknown /admin/ paths but not the /admin demo page", async () => {
  const { app } = buildTestApp();
  assertEquals((await app.request("/admin/unknown")).status, 401);
  assertEquals((await app.request("/admin")).status, 200);
  assertEquals((await app.request("/widget.js")).status, 404);
});

Deno.test("admin auth rate limits failures per client with 429 and Retry-After", async () => {
  let now = Date.now();
  const { app } = buildTestApp({
    env: testEnv({ ADMIN_AUTH_FAILURE_LIMIT: "3" }),
    now: () => now,
    // The test plays the one trusted proxy, which appends each client's address.
    clientAddress: { trustedProxy: { header: "x-forwarded-for", hops: 1 } },
  });
  const good = { "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: await bearer() };
  const bad = { "X-Admin-API-Key": "wrong-admin-key-0123456789", Authorization: await bearer() };
  const attacker = { "x-forwarded-for": "203.0.113.9" };
  for (let i = 0; i < 5; i++) {
    assertEquals(
      (await get(app, { ...good, ...attacker })).res.status,
      200,
      "successes do not count",
    );
  }
  for (let i = 0; i < 3; i++) {
    assertEquals((await get(app, { ...bad, ...attacker })).res.status, 401);
  }
  const limited = await get(app, { ...good, ...attacker });
  assertEquals(limited.res.status, 429, "limited even with valid credentials");
  assertEquals(limited.body.error, "Too Many Requests");
  assertEquals(limited.res.headers.get("retry-after"), "60");
  assertEquals((await get(app, { ...good, "x-forwarded-for": "198.51.100.1" })).res.status, 200);
  now += 60_001;
  assertEquals((await get(app, { ...good, ...attacker })).res.status, 200, "the window closed");
});

/** What Deno.serve hands the app as `c.env`: the connection's remote address. */
const fromConnection = (hostname: string) => ({ remoteAddr: { hostname } });
const connectionRule = {
  connectionAddress: (c: { env: unknown }) =>
    (c.env as ReturnType<typeof fromConnection> | undefined)?.remoteAddr.hostname,
};

Deno.test("admin auth keys failures by the connection: rotated or spoofed headers neither escape the limit nor frame another client", async () => {
  const { app } = buildTestApp({
    env: testEnv({ ADMIN_AUTH_FAILURE_LIMIT: "10" }),
    clientAddress: connectionRule,
  });
  const attacker = fromConnection("192.0.2.10");
  const victim = "198.51.100.20";
  const bad = { "X-Admin-API-Key": "wrong-admin-key-0123456789", Authorization: await bearer() };
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const spoofed: Record<string, string> = i % 2 === 0
      ? { "cf-connecting-ip": `203.0.113.${i}` }
      : { "x-forwarded-for": victim };
    const res = await app.request(PATH, { headers: { ...bad, ...spoofed } }, attacker);
    await res.body?.cancel();
    statuses.push(res.status);
  }
  assertEquals(statuses, [...Array(10).fill(401), ...Array(20).fill(429)]);
  const good = { "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: await bearer() };
  const res = await app.request(PATH, { headers: good }, fromConnection(victim));
  await res.body?.cancel();
  assertEquals(res.status, 200, "the victim whose address the attacker sent is not locked out");
});

Deno.test("admin auth answers 429 to the first failure past a limit reached on another instance", async () => {
  const calls: string[] = [];
  const memory = createMemoryFailureTally({ windowMs: 60_000 });
  const shared: FailureTally = {
    kind: "shared-for-test",
    add: (client) => (calls.push(client), memory.add(client)),
  };
  const instance = () =>
    buildTestApp({
      env: testEnv({ ADMIN_AUTH_FAILURE_LIMIT: "3" }),
      clientAddress: connectionRule,
      failureTally: shared,
    }).app;
  const [first, second] = [instance(), instance()];
  const client = fromConnection("192.0.2.10");
  const good = { "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: await bearer() };
  const bad = { ...good, "X-Admin-API-Key": "wrong-admin-key-0123456789" };
  for (let i = 0; i < 3; i++) {
    assertEquals((await first.request(PATH, { headers: bad }, client)).status, 401);
  }
  assertEquals((await first.request(PATH, { headers: good }, client)).status, 429);
  const unseen = await second.request(PATH, { headers: good }, client);
  assertEquals(unseen.status, 200, "an instance that has not seen the lock-out evaluates one more");
  const past = await second.request(PATH, { headers: bad }, client);
  assertEquals(past.status, 429, "the failed one is past the shared limit");
  assertEquals(Number(past.headers.get("retry-after")) > 0, true);
  assertEquals((await second.request(PATH, { headers: good }, client)).status, 429);
  assertEquals(calls.length, 4, "the store is asked on failures only");
});

Deno.test("RS256 via JWT_PUBLIC_KEY: accepted, and HS256 keyed with the PEM is refused", async () => {
  const keys = await generateKeyPair("RS256");
  const { JWT_SECRET: _, ...env } = testEnv({ JWT_PUBLIC_KEY: keys.publicKeyPem });
  const { app } = buildTestApp({ env });
  const claims = adminClaims();
  const rs = await signAsymmetric(claims, keys.privateKey, { alg: "RS256" });
  const confused = await signHs256(claims, keys.publicKeyPem);
  const key = { "X-Admin-API-Key": TEST_ADMIN_KEY };
  assertEquals((await get(app, { ...key, Authorization: `Bearer ${rs}` })).res.status, 200);
  assertEquals((await get(app, { ...key, Authorization: `Bearer ${confused}` })).res.status, 401);
  const hs = await signHs256(claims, TEST_JWT_SECRET);
  assertEquals((await get(app, { ...key, Authorization: `Bearer ${hs}` })).res.status, 401);
});

Deno.test("ES256 via a JWKS served on loopback: fetched once across requests", async () => {
  const keys = await generateKeyPair("ES256");
  let fetches = 0;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, () => {
    fetches++;
    return Response.json({ keys: [{ ...keys.publicJwk, kid: "ec-1", alg: "ES256" }] });
  });
  try {
    const { JWT_SECRET: _, ...env } = testEnv({
      JWT_JWKS_URL: `http://127.0.0.1:${server.addr.port}/.well-known/jwks.json`,
    });
    const { app } = buildTestApp({ env });
    const token = await signAsymmetric(adminClaims(), keys.privateKey, {
      alg: "ES256",
      kid: "ec-1",
    });
    for (let i = 0; i < 3; i++) {
      const { res } = await get(app, {
        "X-Admin-API-Key": TEST_ADMIN_KEY,
        Authorization: `Bearer ${token}`,
      });
      assertEquals(res.status, 200);
    }
    assertEquals(fetches, 1);
  } finally {
    await server.shutdown();
  }
});

Deno.test("oversized credentials are refused before any verification work", async () => {
  let fetches = 0;
  const { JWT_SECRET: _, ...env } = testEnv({ JWT_JWKS_URL: "https://auth.example/jwks" });
  const { app } = buildTestApp({
    env,
    fetch: () => {
      fetches++;
      return Promise.resolve(Response.json({ keys: [] }));
    },
  });
  const token = `eyJhbGciOiJFUzI1NiIsImtpZCI6ImVjLTEifQ.e30.${"A".repeat(9000)}`;
  const { res } = await get(app, {
    "X-Admin-API-Key": TEST_ADMIN_KEY,
    Authorization: `Bearer ${token}`,
  });
  assertEquals(res.status, 401);
  assertEquals(fetches, 0);
});

Deno.test("a JWKS outage answers 503 to a caller with a valid key, 401 otherwise", async () => {
  const keys = await generateKeyPair("ES256");
  const { JWT_SECRET: _, ...env } = testEnv({ JWT_JWKS_URL: "https://auth.example/jwks" });
  const { app, logs } = buildTestApp({
    env,
    fetch: () => Promise.reject(new TypeError("connection refused")),
  });
  const token = await signAsymmetric(adminClaims(), keys.privateKey, { alg: "ES256", kid: "ec-1" });
  const ok = await get(app, {
    "X-Admin-API-Key": TEST_ADMIN_KEY,
    Authorization: `Bearer ${token}`,
  });
  assertEquals(ok.res.status, 503);
  assertEquals(ok.body.message, "Token verification is unavailable. Try again later.");
  const wrongKey = await get(app, {
    "X-Admin-API-Key": "wrong-admin-key-0123456789",
    Authorization: `Bearer ${token}`,
  });
  assertEquals(wrongKey.res.status, 401);
  assert(logs.some((l) => l.msg === "request failed" && l.error === "JwksUnavailableError"));
});

/** A JWKS endpoint stand-in that can be switched down; records when each fetch started. */
function switchableJwks(publicJwk: JsonWebKey, clock: () => number) {
  const state = { down: false, fetchedAt: [] as number[] };
  const fetchFn: typeof fetch = () => {
    state.fetchedAt.push(clock());
    return state.down
      ? Promise.reject(new TypeError("connection refused"))
      : Promise.resolve(Response.json({ keys: [{ ...publicJwk, kid: "ec-1", alg: "ES256" }] }));
  };
  return { state, fetchFn };
}

Deno.test("a JWKS outage: wrong-key requests with random kids fetch at most once per cooldown", async () => {
  const keys = await generateKeyPair("ES256");
  let now = Date.now();
  const start = now;
  const { state, fetchFn } = switchableJwks(keys.publicJwk, () => now);
  state.down = true;
  const { JWT_SECRET: _, ...env } = testEnv({
    JWT_JWKS_URL: "https://auth.example/jwks",
    ADMIN_AUTH_FAILURE_LIMIT: "1000000",
  });
  const { app } = buildTestApp({ env, fetch: fetchFn, now: () => now });
  for (let i = 0; i < 300; i++) {
    now += 1000;
    const token = await signAsymmetric(
      adminClaims({}, Math.floor(now / 1000)),
      keys.privateKey,
      { alg: "ES256", kid: crypto.randomUUID() },
    );
    const { res } = await get(app, {
      "X-Admin-API-Key": "wrong-admin-key-0123456789",
      Authorization: `Bearer ${token}`,
    });
    assertEquals(res.status, 401);
  }
  const cooldowns = Math.floor((now - start) / 30_000) + 1;
  assert(state.fetchedAt.length >= 1, "the endpoint was asked");
  assert(state.fetchedAt.length <= cooldowns, `${state.fetchedAt.length} fetches for 300 requests`);
});

Deno.test("a JWKS outage: a cached admin keeps working an hour past the TTL, then gets 503", async () => {
  const keys = await generateKeyPair("ES256");
  let now = Date.now();
  const fetchedAt = now;
  const { state, fetchFn } = switchableJwks(keys.publicJwk, () => now);
  const { JWT_SECRET: _, ...env } = testEnv({ JWT_JWKS_URL: "https://auth.example/jwks" });
  const { app } = buildTestApp({ env, fetch: fetchFn, now: () => now });
  const headers = async () => ({
    "X-Admin-API-Key": TEST_ADMIN_KEY,
    Authorization: `Bearer ${await signAsymmetric(
      adminClaims({}, Math.floor(now / 1000)),
      keys.privateKey,
      { alg: "ES256", kid: "ec-1" },
    )}`,
  });
  assertEquals((await get(app, await headers())).res.status, 200);
  state.down = true;
  for (const minutes of [11, 30, 69]) {
    now = fetchedAt + minutes * 60_000;
    assertEquals((await get(app, await headers())).res.status, 200, `${minutes} min after`);
  }
  now = fetchedAt + 70 * 60_000;
  const late = await get(app, await headers());
  assertEquals(late.res.status, 503, "past the TTL plus the hour");
  assertEquals(late.body.message, "Token verification is unavailable. Try again later.");
  state.down = false;
  now += 30_000;
  assertEquals((await get(app, await headers())).res.status, 200, "back after the cooldown");
});

Deno.test("the log names the failed half (for the operator) while every 401 body is the same", async () => {
  const goodJwt = await bearer();
  const expired = await bearer({ exp: Math.floor(Date.now() / 1000) - 120 });
  const cases: Array<[Record<string, string>, string]> = [
    [{ "X-Admin-API-Key": "wrong-admin-key-0123456789", Authorization: goodJwt }, "api key"],
    [{ "X-Admin-API-Key": TEST_ADMIN_KEY, Authorization: expired }, "jwt: Token expired."],
    [
      { "X-Admin-API-Key": "wrong-admin-key-0123456789", Authorization: expired },
      "api key; jwt: Token expired.",
    ],
    [{ Authorization: goodJwt }, "missing api key"],
    [{ "X-Admin-API-Key": TEST_ADMIN_KEY }, "missing authorization"],
    [{}, "missing credentials"],
  ];
  const bodies = new Set<string>();
  for (const [headers, reason] of cases) {
    const { app, logs } = buildTestApp();
    const { res, body } = await get(app, headers);
    assertEquals(res.status, 401);
    bodies.add(JSON.stringify({ ...body, requestId: undefined }));
    const line = logs.find((l) => l.msg === "auth rejected");
    assertEquals(line?.reason, reason);
    const text = JSON.stringify(logs);
    for (const secret of [TEST_ADMIN_KEY, "wrong-admin-key-0123456789", goodJwt.slice(7)]) {
      assertEquals(text.includes(secret), false, "no credential in the log");
    }
  }
  assertEquals(bodies.size, 1, "one 401 body whichever half failed");
});

Deno.test("a 403 logs why, without the email", async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ email: "ops@example.com" }, "email not at an admin domain"],
    [{ email_verified: false }, "email not verified"],
    [{ sub: undefined }, "no sub"],
  ];
  for (const [claims, reason] of cases) {
    const { app, logs } = buildTestApp();
    const { res, body } = await get(app, await adminHeaders(claims));
    assertEquals(res.status, 403);
    assertEquals(body.message, FORBIDDEN_MESSAGE);
    assertEquals(logs.find((l) => l.msg === "auth forbidden")?.reason, reason);
    assertEquals(JSON.stringify(logs).includes("@"), false, "no email in the log");
  }
});
