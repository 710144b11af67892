import { assert, assertEquals, assertLess, assertRejects, assertStringIncludes } from "@std/assert";
import {
  DEMO_CUSTOMER_ID,
  DEMO_THREEDEYE_CREDENTIALS,
  generateThreedeyeUsers,
  startThreedeyeStandin,
  type ThreedeyeStandin,
  type ThreedeyeStandinOptions,
} from "@spkey/testkit";
import {
  type ProbeOptions,
  type ThreedeyeDirectory,
  ThreedeyeError,
  type ThreedeyeUser,
} from "../domain.ts";
import { createThreedeyeClient, type ThreedeyeClientOptions } from "./client.ts";

/** One listing, its pages collected in the order they were handed over. */
async function listAll(directory: ThreedeyeDirectory, probe?: ProbeOptions) {
  const users: ThreedeyeUser[] = [];
  const summary = await directory.listCustomerUsers((page) => users.push(...page.users), probe);
  return { ...summary, users };
}

const SECRETS = [
  DEMO_THREEDEYE_CREDENTIALS.apiKey,
  DEMO_THREEDEYE_CREDENTIALS.password,
  DEMO_THREEDEYE_CREDENTIALS.username,
];

async function withStandin(
  standinOptions: ThreedeyeStandinOptions,
  fn: (
    standin: ThreedeyeStandin,
    client: (o?: Partial<ThreedeyeClientOptions>) => ReturnType<typeof createThreedeyeClient>,
  ) => Promise<void>,
) {
  const standin = startThreedeyeStandin({ slowMs: 5000, ...standinOptions });
  const client = (overrides: Partial<ThreedeyeClientOptions> = {}) =>
    createThreedeyeClient({
      baseUrl: standin.url,
      ...DEMO_THREEDEYE_CREDENTIALS,
      customerId: DEMO_CUSTOMER_ID,
      ...overrides,
    });
  try {
    await fn(standin, client);
  } finally {
    await standin.close();
  }
}

/** Rejects with ThreedeyeError whose message is exactly `expected` and holds no secret. */
async function assertProbeError(
  fn: () => Promise<unknown>,
  expected: string,
  extraSecrets: string[] = [],
) {
  const error = await assertRejects(fn, ThreedeyeError);
  assertEquals(error.message, expected);
  for (const secret of [...SECRETS, ...extraSecrets]) {
    assert(!error.message.includes(secret), "secret in message");
    assert(!JSON.stringify(error).includes(secret), "secret in serialised error");
  }
  return error;
}

/** A fetch that answers from a function of (method, path+query) and records the calls. */
function scriptedFetch(
  answer: (method: string, path: string, init: RequestInit) => Response | Promise<Response>,
) {
  const calls: string[] = [];
  const fn = (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? "GET";
    calls.push(`${method} ${url.pathname}${url.search}`);
    return Promise.resolve(answer(method, `${url.pathname}${url.search}`, init));
  };
  return { fetch: fn as typeof fetch, calls };
}

const BASE = "https://3deye.invalid/v3";
const fakeOptions = { baseUrl: BASE, apiKey: "k-123", username: "u-123", password: "p-123" };

Deno.test("100 concurrent cold calls cause exactly one token request", async () => {
  await withStandin({}, async (standin, client) => {
    const directory = client();
    const listings = await Promise.all(
      Array.from({ length: 100 }, () => listAll(directory)),
    );
    assertEquals(standin.counts.token, 1);
    assertEquals(listings.every((l) => l.total === 10 && l.complete), true);
    await Promise.all(Array.from({ length: 20 }, () => directory.getUser("td-1001")));
    assertEquals(standin.counts.token, 1);
  });
});

Deno.test("the demo customer lists with ids, emails and total; getUser finds or answers null", async () => {
  await withStandin({}, async (_standin, client) => {
    const directory = client();
    assertEquals(directory.customerId, DEMO_CUSTOMER_ID);
    const listing = await listAll(directory);
    assertEquals(listing.total, 10);
    assertEquals(listing.complete, true);
    assertEquals(listing.users.slice(0, 4), [
      { id: "td-1001", email: "alice@example.com" },
      { id: "td-1003", email: "carol@example.com" },
      { id: "td-2005", email: "erin@example.com" },
      { id: "td-1006", email: "Frank@Example.com" },
    ]);
    assertEquals(await directory.getUser("td-1007"), { id: "td-1007", email: "grace@example.com" });
    assertEquals(await directory.getUser("td-1004"), null);
    assertEquals(await directory.getUser("td/../1001"), null);
  });
});

Deno.test("a token is reused until shortly before expiry, then fetched again", async () => {
  let clock = 1_000_000;
  let tokens = 0;
  const fake = scriptedFetch((method) => {
    if (method === "POST") return Response.json({ accessToken: `t${++tokens}`, expiresIn: 600 });
    return Response.json({ data: [], total: 0 });
  });
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch, now: () => clock });
  await listAll(directory);
  clock += 539_000; // 600 s minus the 60 s early-refresh margin, minus 1 s
  await listAll(directory);
  assertEquals(tokens, 1);
  clock += 2_000;
  await listAll(directory);
  assertEquals(tokens, 2);
});

Deno.test("without expiresIn a token is assumed to live 15 minutes", async () => {
  let clock = 0;
  let tokens = 0;
  const fake = scriptedFetch((method) =>
    method === "POST"
      ? Response.json({ access_token: `t${++tokens}` })
      : Response.json({ data: [], total: 0 })
  );
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch, now: () => clock });
  await listAll(directory);
  clock = 13 * 60_000;
  await listAll(directory);
  assertEquals(tokens, 1);
  clock = 15 * 60_000;
  await listAll(directory);
  assertEquals(tokens, 2);
});

Deno.test("a 401 mid-flight refreshes the token once and retries", async () => {
  await withStandin({}, async (standin, client) => {
    const directory = client();
    await listAll(directory);
    assertEquals(standin.counts.token, 1);
    await standin.setFault("expire_tokens");
    // A burst of calls all meeting the 401 still refreshes only once.
    const results = await Promise.all(
      Array.from({ length: 20 }, () => directory.getUser("td-1001")),
    );
    assertEquals(results.every((u) => u?.email === "alice@example.com"), true);
    assertEquals(standin.counts.token, 2);
    assertEquals(standin.counts.unauthorized, 20);
  });
});

Deno.test("a token rejected again after the refresh is an error, not a loop", async () => {
  const fake = scriptedFetch((method) =>
    method === "POST"
      ? Response.json({ accessToken: "tok-abc-123" })
      : new Response("{}", { status: 401 })
  );
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  await assertProbeError(
    () => listAll(directory),
    "3dEye rejected the access token (GET /users)",
    ["tok-abc-123", "k-123", "p-123"],
  );
  assertEquals(fake.calls, [
    "POST /v3/auth/token",
    "GET /v3/users?page=1&pageSize=100",
    "POST /v3/auth/token",
    "GET /v3/users?page=1&pageSize=100",
  ]);
});

Deno.test("x-api-key goes on every call: the token, listing pages and lookups by id", async () => {
  let tokenBody: unknown = null;
  const fake = scriptedFetch((method, path, init) => {
    const headers = new Headers(init.headers);
    assertEquals(headers.get("x-api-key"), "k-123", `${method} ${path}`);
    if (method === "POST") {
      tokenBody = JSON.parse(String(init.body));
      return Response.json({ accessToken: "tok" });
    }
    assertEquals(headers.get("authorization"), "Bearer tok");
    if (path.startsWith("/v3/users/")) return Response.json({ id: "td-1", email: null });
    return Response.json({ data: generateThreedeyeUsers(100), total: 150 });
  });
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  await listAll(directory);
  await directory.getUser("td-1");
  assertEquals(tokenBody, { username: "u-123", password: "p-123" });
  assertEquals(fake.calls, [
    "POST /v3/auth/token",
    "GET /v3/users?page=1&pageSize=100",
    "GET /v3/users?page=2&pageSize=100",
    "GET /v3/users/td-1",
  ]);
});

Deno.test("against a gateway that wants x-api-key on data calls, every probe call passes", async () => {
  await withStandin({ users: generateThreedeyeUsers(250) }, async (standin, client) => {
    const directory = client();
    const listing = await listAll(directory);
    assertEquals([listing.users.length, listing.complete], [250, true]);
    assertEquals(await directory.getUser("td-gen-00007"), {
      id: "td-gen-00007",
      email: "user00007@bulk.example.org",
    });
    assertEquals([standin.counts.forbidden, standin.counts.pages, standin.counts.getUser], [
      0,
      3,
      1,
    ]);
  });
});

Deno.test("pages after the first are fetched concurrently, bounded by pageConcurrency", async () => {
  const users = generateThreedeyeUsers(1000);
  await withStandin({ users, latencyMs: 15 }, async (standin, client) => {
    const listing = await listAll(client({ pageSize: 50, pageConcurrency: 3 }));
    assertEquals(standin.counts.pages, 20);
    assertEquals(standin.counts.list, 1);
    assertEquals(standin.counts.maxConcurrentPages, 3);
    assertEquals(listing.complete, true);
    assertEquals(listing.total, 1000);
    assertEquals(listing.users.map((u) => u.id), users.map((u) => u.id));
  });
});

Deno.test("a 10,000-user customer stops at the scan cap and says it is incomplete", async () => {
  await withStandin({ users: generateThreedeyeUsers(10_000) }, async (standin, client) => {
    const listing = await listAll(client({ pageSize: 100, maxUsers: 2500, pageConcurrency: 4 }));
    assertEquals(standin.counts.pages, 25);
    assertEquals(listing.total, 10_000);
    assertEquals(listing.users.length, 2500);
    assertEquals(listing.complete, false);
    assertEquals(listing.users.at(-1)?.id, "td-gen-02500");
    assert(standin.counts.maxConcurrentPages <= 4);
  });
});

Deno.test("without total the listing pages sequentially until a short page or the cap", async (t) => {
  await t.step("250 users: three pages, complete", async () => {
    await withStandin(
      { users: generateThreedeyeUsers(250), includeTotal: false },
      async (standin, client) => {
        const listing = await listAll(client({ pageSize: 100 }));
        assertEquals([standin.counts.pages, standin.counts.maxConcurrentPages], [3, 1]);
        assertEquals([listing.total, listing.users.length, listing.complete], [250, 250, true]);
      },
    );
  });
  await t.step("200 users: an empty third page proves the end", async () => {
    await withStandin(
      { users: generateThreedeyeUsers(200), includeTotal: false },
      async (standin, client) => {
        const listing = await listAll(client({ pageSize: 100 }));
        assertEquals(standin.counts.pages, 3);
        assertEquals([listing.total, listing.complete], [200, true]);
      },
    );
  });
  await t.step("1000 users, cap 300: stops, incomplete", async () => {
    await withStandin(
      { users: generateThreedeyeUsers(1000), includeTotal: false },
      async (standin, client) => {
        const listing = await listAll(client({ pageSize: 100, maxUsers: 300 }));
        assertEquals(standin.counts.pages, 3);
        assertEquals([listing.total, listing.users.length, listing.complete], [300, 300, false]);
      },
    );
  });
});

Deno.test("a server that serves smaller pages than asked is paged by the configured size", async () => {
  const all = generateThreedeyeUsers(120);
  const fake = scriptedFetch((method, path) => {
    if (method === "POST") return Response.json({ accessToken: "tok" });
    const page = Number(new URL(path, BASE).searchParams.get("page"));
    return Response.json({ data: all.slice((page - 1) * 50, page * 50), total: 120 });
  });
  const listing = await listAll(createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch }));
  // ceil(120 / 100) = 2 pages of 50: the upstream's page size never raises the page count, so
  // the listing is honest about what it did not see.
  assertEquals(listing.users.map((u) => u.id), all.slice(0, 100).map((u) => u.id));
  assertEquals([listing.total, listing.complete], [120, false]);
  assertEquals(fake.calls.length, 1 + 2);
});

Deno.test("responses are validated leniently: extra fields, numeric ids, missing emails", async () => {
  const fake = scriptedFetch((method, path) => {
    if (method === "POST") return Response.json({ accessToken: "tok", expiresIn: 60, scope: "x" });
    if (path.startsWith("/v3/users/")) return Response.json({ data: { id: 7, email: null } });
    return Response.json({
      data: [{ id: 42, name: "no email" }, { id: "td-2", email: "b@example.com", extra: {} }],
      total: "2",
      page: 1,
    });
  });
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  assertEquals(await listAll(directory), {
    total: 2,
    users: [{ id: "42", email: null }, { id: "td-2", email: "b@example.com" }],
    complete: true,
  });
  assertEquals(await directory.getUser("7"), { id: "7", email: null });
});

Deno.test("upstream faults become ThreedeyeError naming the call, never a secret", async (t) => {
  await withStandin({}, async (standin, client) => {
    const tokens = () => standin.issuedTokens();
    await t.step("wrong credentials", async () => {
      await assertProbeError(
        () => listAll(client({ password: "wrong-password" })),
        "3dEye rejected the credentials (POST /auth/token)",
        ["wrong-password"],
      );
    });
    const warm = client({ timeoutMs: 200 });
    await listAll(warm);
    await t.step("HTTP 500", async () => {
      await standin.setFault("error500");
      await assertProbeError(
        () => listAll(warm),
        "3dEye answered HTTP 500 (GET /users)",
        tokens(),
      );
      await assertProbeError(
        () => warm.getUser("td-1001"),
        "3dEye answered HTTP 500 (GET /users/{id})",
        tokens(),
      );
    });
    await t.step("malformed JSON", async () => {
      await standin.setFault("malformed");
      await assertProbeError(
        () => listAll(warm),
        "3dEye answered malformed JSON (GET /users)",
        tokens(),
      );
    });
    await t.step("slow past the timeout", async () => {
      await standin.setFault("slow");
      const started = performance.now();
      await assertProbeError(
        () => listAll(warm),
        "3dEye timed out after 200 ms (GET /users)",
        tokens(),
      );
      assertLess(performance.now() - started, 1500);
    });
    await t.step("cold client, slow token endpoint", async () => {
      await assertProbeError(
        () => listAll(client({ timeoutMs: 150 })),
        "3dEye timed out after 150 ms (POST /auth/token)",
      );
    });
    await t.step("down", async () => {
      await standin.setFault("down");
      await assertProbeError(
        () => listAll(warm),
        "3dEye could not be reached (GET /users)",
        tokens(),
      );
    });
    await t.step("recovers when the fault clears", async () => {
      await standin.setFault(null);
      assertEquals((await listAll(warm)).total, 10);
    });
  });
});

Deno.test("an unexpected shape or a non-JSON token answer is reported as such", async () => {
  const fake = scriptedFetch((method, path) => {
    if (method === "POST") return Response.json({ accessToken: "tok" });
    if (path.startsWith("/v3/users/")) return Response.json({ nope: true });
    return Response.json({ items: [] });
  });
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  await assertProbeError(
    () => listAll(directory),
    "3dEye answered an unexpected shape (GET /users)",
  );
  await assertProbeError(
    () => directory.getUser("x"),
    "3dEye answered an unexpected shape (GET /users/{id})",
  );

  const badToken = scriptedFetch(() => new Response("<html>login</html>"));
  await assertProbeError(
    () => listAll(createThreedeyeClient({ ...fakeOptions, fetch: badToken.fetch })),
    "3dEye answered malformed JSON (POST /auth/token)",
  );
  const tokenDown = scriptedFetch(() => new Response("", { status: 503 }));
  await assertProbeError(
    () => createThreedeyeClient({ ...fakeOptions, fetch: tokenDown.fetch }).getUser("x"),
    "3dEye answered HTTP 503 (POST /auth/token)",
  );
});

Deno.test("one failing page fails the listing fast and cancels the other pages", async () => {
  let cancelled = 0;
  const fake = scriptedFetch((method, path, init) => {
    if (method === "POST") return Response.json({ accessToken: "tok" });
    const page = Number(new URL(path, BASE).searchParams.get("page"));
    if (page === 1) return Response.json({ data: generateThreedeyeUsers(10), total: 100 });
    if (page === 3) return new Response("", { status: 502 });
    return new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => {
        cancelled += 1;
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  });
  const directory = createThreedeyeClient({
    ...fakeOptions,
    pageSize: 10,
    pageConcurrency: 4,
    fetch: fake.fetch,
  });
  await assertProbeError(
    () => listAll(directory),
    "3dEye answered HTTP 502 (GET /users)",
  );
  assertEquals(cancelled, 3);
  assert(fake.calls.length < 11, `${fake.calls.length} calls`);
});

Deno.test("the caller's AbortSignal cancels a call", async () => {
  await withStandin({ latencyMs: 2000 }, async (_standin, client) => {
    const caller = new AbortController();
    const pending = listAll(client(), { signal: caller.signal });
    setTimeout(() => caller.abort(), 20);
    const error = await assertRejects(() => pending, ThreedeyeError);
    assertStringIncludes(error.message, "3dEye call was cancelled (");
  });
});

Deno.test("limits must be positive integers", () => {
  const limits = ["pageSize", "timeoutMs", "probeDeadlineMs", "maxResponseBytes"] as const;
  for (const limit of limits) {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      try {
        createThreedeyeClient({ ...fakeOptions, [limit]: bad });
        throw new Error(`accepted ${limit} ${bad}`);
      } catch (error) {
        assert(error instanceof RangeError, String(error));
        assertStringIncludes(error.message, limit);
      }
    }
  }
  // null means "the default" (how parsed settings arrive).
  const directory = createThreedeyeClient({
    ...fakeOptions,
    pageSize: null,
    maxUsers: null,
    timeoutMs: null,
    probeDeadlineMs: null,
    maxResponseBytes: null,
  });
  assertEquals(directory.probeDeadlineMs, 5000);
});

Deno.test("a late 401 for an already replaced token does not refresh again", async () => {
  let tokens = 0;
  const pending: Array<{ token: string; answer: (r: Response) => void }> = [];
  const fake = scriptedFetch((method, _path, init) => {
    if (method === "POST") return Response.json({ accessToken: `t${++tokens}` });
    const token = new Headers(init.headers).get("authorization")!.slice("Bearer ".length);
    if (token !== "t1") return Response.json({ id: "td-1", email: null });
    return new Promise<Response>((answer) => pending.push({ token, answer }));
  });
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  const first = directory.getUser("td-1");
  const second = directory.getUser("td-1");
  while (pending.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
  pending[0].answer(new Response("{}", { status: 401 }));
  assertEquals(await first, { id: "td-1", email: null });
  assertEquals(tokens, 2);
  pending[1].answer(new Response("{}", { status: 401 }));
  assertEquals(await second, { id: "td-1", email: null });
  assertEquals(tokens, 2);
});

Deno.test("each call is its own scan: sharing one is the listing cache's job", async () => {
  await withStandin({ latencyMs: 20 }, async (standin, client) => {
    const directory = client();
    await directory.getUser("td-1001"); // warm the token
    standin.resetCounts();
    const listings = await Promise.all(Array.from({ length: 3 }, () => listAll(directory)));
    assert(listings.every((l) => l.total === 10 && l.complete && l.users.length === 10));
    assertEquals(standin.counts.list, 3);
  });
});

Deno.test("pages are handed over in listing order, whatever order they answer in", async () => {
  const all = generateThreedeyeUsers(50);
  const fake = scriptedFetch(async (method, path) => {
    if (method === "POST") return Response.json({ accessToken: "tok" });
    const page = Number(new URL(path, BASE).searchParams.get("page"));
    // Later pages answer first: page 5 at once, page 2 last.
    if (page > 1) await new Promise((resolve) => setTimeout(resolve, (6 - page) * 15));
    return Response.json({ data: all.slice((page - 1) * 10, page * 10), total: 50 });
  });
  const directory = createThreedeyeClient({
    ...fakeOptions,
    pageSize: 10,
    pageConcurrency: 4,
    fetch: fake.fetch,
  });
  const handed: string[] = [];
  const listing = await directory.listCustomerUsers((page) => {
    assertEquals(page.total, 50);
    handed.push(page.users[0].id);
  });
  assertEquals(handed, [
    "td-gen-00001",
    "td-gen-00011",
    "td-gen-00021",
    "td-gen-00031",
    "td-gen-00041",
  ]);
  assertEquals([listing.total, listing.complete], [50, true]);
});

Deno.test("a redirect is never followed, from the token call or a listing page", async () => {
  await withStandin({}, async (standin, client) => {
    const warm = client();
    await listAll(warm);
    await standin.setFault("redirect");
    standin.resetCounts();
    await assertProbeError(
      () => listAll(client()),
      "3dEye answered a redirect (HTTP 307), which is not followed (POST /auth/token)",
    );
    await assertProbeError(
      () => listAll(warm),
      "3dEye answered a redirect (HTTP 307), which is not followed (GET /users)",
      standin.issuedTokens(),
    );
    assertEquals([standin.counts.requests, standin.counts.redirectTargetRequests], [2, 0]);
  });
});

Deno.test("a page larger than requested is an error, not 20,000 users to parse", async () => {
  await withStandin({ giantPageUsers: 20_000 }, async (standin, client) => {
    await standin.setFault("giant_page");
    await assertProbeError(
      () => listAll(client()),
      "3dEye answered a page larger than requested (GET /users)",
    );
    assertEquals([standin.counts.token, standin.counts.pages], [1, 1]);
  });
});

Deno.test("one user a page with a total of 10^12: the cap and the configured size fix the page count", async () => {
  await withStandin({}, async (standin, client) => {
    await standin.setFault("one_per_page");
    const listing = await listAll(client({ pageSize: 100, maxUsers: 500 }));
    assertEquals(standin.counts.pages, 5);
    assertEquals([listing.total, listing.users.length, listing.complete], [1e12, 5, false]);
  });
});

Deno.test("an endless body is cut at maxResponseBytes", async () => {
  await withStandin({}, async (standin, client) => {
    const directory = client({ maxResponseBytes: 64 * 1024 });
    await directory.getUser("td-1001"); // a cached token: the listing is what meets the fault
    await standin.setFault("endless_body");
    const started = performance.now();
    await assertProbeError(
      () => listAll(directory),
      "3dEye answered more than 65536 bytes (GET /users)",
      standin.issuedTokens(),
    );
    assertLess(performance.now() - started, 2_000);
  });
});

Deno.test("slow pages: the probe deadline ends the listing and no page is asked for after it", async () => {
  await withStandin({ slowPageMs: 300 }, async (standin, client) => {
    const directory = client({
      timeoutMs: 1000,
      probeDeadlineMs: 800,
      pageSize: 100,
      maxUsers: 2000,
      pageConcurrency: 2,
    });
    await directory.getUser("td-1001");
    await standin.setFault("slow_pages");
    standin.resetCounts();
    const started = performance.now();
    await assertProbeError(
      () => listAll(directory),
      "3dEye did not answer within the probe deadline of 800 ms (GET /users)",
      standin.issuedTokens(),
    );
    const elapsed = performance.now() - started;
    assert(elapsed >= 780 && elapsed < 1200, `answered after ${elapsed} ms`);
    // 20 pages of 300 ms, two at a time, would take 3 s; the deadline stopped it at 800 ms:
    // page 1, then pages 2-3, then 4-5 (cut short).
    const asked = standin.counts.pages;
    assert(asked <= 5, `${asked} pages asked`);
    await new Promise((resolve) => setTimeout(resolve, 700));
    assertEquals(standin.counts.pages, asked, "the scan stopped with its deadline");
  });
});

Deno.test("the caller's signal stops the scan: the page in flight is aborted", async () => {
  let aborted = 0;
  const fake = scriptedFetch((method, _path, init) => {
    if (method === "POST") return Response.json({ accessToken: "tok" });
    return new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => {
        aborted += 1;
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  });
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  const caller = new AbortController();
  const wait = assertRejects(() => listAll(directory, { signal: caller.signal }), ThreedeyeError);
  while (fake.calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
  caller.abort();
  await wait;
  assertEquals(aborted, 1);
  assertEquals(fake.calls, ["POST /v3/auth/token", "GET /v3/users?page=1&pageSize=100"]);
});

Deno.test("a 429 with a Retry-After that fits the deadline is retried once, then answers", async () => {
  let pages = 0;
  const fake = scriptedFetch((method) => {
    if (method === "POST") return Response.json({ accessToken: "tok" });
    pages += 1;
    if (pages === 1) {
      return Response.json({ message: "slow down" }, {
        status: 429,
        headers: { "retry-after": "0.05" },
      });
    }
    return Response.json({ data: [{ id: "td-1", email: null }], total: 1 });
  });
  const listing = await listAll(createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch }));
  assertEquals([listing.total, pages], [1, 2]);
});

Deno.test("429 / 503 whose Retry-After ends past the deadline: 'rate limited', no retry", async () => {
  await withStandin({ retryAfterSeconds: 5 }, async (standin, client) => {
    for (const [fault, status] of [["rate_limited", 429], ["unavailable", 503]] as const) {
      await standin.setFault(fault);
      standin.resetCounts();
      const started = performance.now();
      await assertProbeError(
        () => listAll(client({ probeDeadlineMs: 4000 })),
        `3dEye rate limited: HTTP ${status}, retry after 5 s (POST /auth/token)`,
      );
      assertEquals(standin.counts.requests, 1);
      assertLess(performance.now() - started, 1000);
    }
  });
});

Deno.test("rate limited again after the one retry: reported, not retried again", async () => {
  await withStandin({ retryAfterSeconds: 0 }, async (standin, client) => {
    await standin.setFault("rate_limited");
    await assertProbeError(
      () => client().getUser("td-1001"),
      "3dEye rate limited: HTTP 429, retry after 0 s (POST /auth/token)",
    );
    assertEquals(standin.counts.token, 2);
  });
});

Deno.test("a deadline that has passed sends nothing", async () => {
  const fake = scriptedFetch(() => Response.json({ accessToken: "tok" }));
  const directory = createThreedeyeClient({ ...fakeOptions, fetch: fake.fetch });
  await assertProbeError(
    () => directory.getUser("td-1", { deadline: Date.now() - 1 }),
    "3dEye did not answer within the probe deadline of 5000 ms (POST /auth/token)",
  );
  assertEquals(fake.calls, []);
});
