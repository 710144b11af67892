import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { DEMO_USERS, startD1HttpStandin } from "@spkey/testkit";
import { StoreUnavailableError } from "../domain.ts";
import { createTestDatabase } from "./_test_database.ts";
import { createD1HttpExecutor, D1_HTTP_MAX_RESPONSE_BYTES } from "./d1_http_executor.ts";
import { createDiagnosticsStore } from "./diagnostics_store.ts";

const TOKEN = "d1-token-that-must-never-appear-0123456789";
const ACCOUNT = "acc-123";
const DATABASE = "db-456";

async function withStandin(
  fn: (standin: ReturnType<typeof startD1HttpStandin>) => Promise<void>,
) {
  const db = createTestDatabase();
  const standin = startD1HttpStandin({
    databasePath: db.path,
    accountId: ACCOUNT,
    databaseId: DATABASE,
    apiToken: TOKEN,
  });
  try {
    await fn(standin);
  } finally {
    await standin.close();
    db.remove();
  }
}

function fakeFetch(respond: (init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return Promise.resolve(respond(init ?? {}));
  };
  return { fetch: fn as typeof fetch, calls };
}

const okEnvelope = (results: unknown[][]) => ({
  success: true,
  errors: [],
  messages: [],
  result: results.map((rows) => ({ success: true, results: rows, meta: {} })),
});

Deno.test("the three snapshot reads go over HTTP as ONE D1 query request", async () => {
  await withStandin(async (standin) => {
    const executor = createD1HttpExecutor({
      accountId: ACCOUNT,
      databaseId: DATABASE,
      apiToken: TOKEN,
      baseUrl: standin.apiBase,
    });
    const store = createDiagnosticsStore(executor);
    standin.resetCounts();
    const snapshot = await store.readUserSnapshot(DEMO_USERS.withRecovery);
    assertEquals(standin.counts.requests, 1);
    assertEquals(snapshot, {
      user: { id: DEMO_USERS.withRecovery, email: "grace@example.com" },
      mapping: {
        threedeyeUserId: "td-1007",
        hasPassword: true,
        createdAt: "2026-05-20T16:20:00.000Z",
      },
      recovery: { roleIds: ["role-owner", "role-viewer"] },
    });
    await store.ping();
    assertEquals(standin.counts.requests, 2);
  });
});

Deno.test("the user search goes over HTTP as ONE D1 query request, the email a string param", async () => {
  await withStandin(async (standin) => {
    const calls: unknown[] = [];
    const executor = createD1HttpExecutor({
      accountId: ACCOUNT,
      databaseId: DATABASE,
      apiToken: TOKEN,
      baseUrl: standin.apiBase,
      fetch: (input, init) => {
        calls.push(JSON.parse(String(init?.body)));
        return fetch(input, init);
      },
    });
    const store = createDiagnosticsStore(executor);
    standin.resetCounts();
    const found = await store.findUsersByEmail("ALICE@example.com", 1);
    assertEquals(standin.counts.requests, 1);
    assertEquals(found, {
      candidates: [{
        id: DEMO_USERS.healthy,
        email: "alice@example.com",
        createdAt: "2026-01-05T09:58:00.000Z",
        hasThreedeyeMapping: true,
      }],
      truncated: true,
    });
    const [{ batch }] = calls as Array<{ batch: Array<{ params: unknown[] }> }>;
    assertEquals(batch.map((statement) => statement.params), [["ALICE@example.com"]]);
    assertEquals((await store.findUsersByEmail("nobody@example.com", 20)).candidates, []);
    assertEquals(standin.counts.requests, 2);
  });
});

Deno.test("the request is the documented batch form with a bearer token", async () => {
  const fake = fakeFetch(() => Response.json(okEnvelope([[{ a: 1 }], []])));
  const executor = createD1HttpExecutor({
    accountId: "acc/1",
    databaseId: "db 2",
    apiToken: TOKEN,
    fetch: fake.fetch,
  });
  const rows = await executor.batch([
    { sql: "SELECT ? AS a", params: [1] },
    { sql: "SELECT b FROM t WHERE id = ?", params: ["x"] },
  ]);
  assertEquals(rows, [[{ a: 1 }], []]);
  assertEquals(fake.calls.length, 1);
  const [{ url, init }] = fake.calls;
  assertEquals(
    url,
    "https://api.cloudflare.com/client/v4/accounts/acc%2F1/d1/database/db%202/query",
  );
  assertEquals(init.method, "POST");
  assertEquals(new Headers(init.headers).get("authorization"), `Bearer ${TOKEN}`);
  assertEquals(JSON.parse(String(init.body)), {
    batch: [
      { sql: "SELECT ? AS a", params: [1] },
      { sql: "SELECT b FROM t WHERE id = ?", params: ["x"] },
    ],
  });
  assertEquals(await executor.batch([]), []);
  assertEquals(fake.calls.length, 1);
});

Deno.test("every D1 HTTP failure is a StoreUnavailableError that names it without the token", async (t) => {
  const cases: Array<[string, () => Response | Promise<Response>, string]> = [
    [
      "rejected token",
      () => new Response("{}", { status: 401 }),
      "the API token was rejected (HTTP 401)",
    ],
    [
      "forbidden",
      () => new Response("forbidden", { status: 403 }),
      "the API token was rejected (HTTP 403)",
    ],
    [
      "server error envelope",
      () =>
        Response.json({ success: false, errors: [{ code: 7500, message: `boom ${TOKEN}` }] }, {
          status: 500,
        }),
      "HTTP 500 (Cloudflare error 7500)",
    ],
    [
      "HTML error page",
      () => new Response("<html>bad gateway</html>", { status: 502 }),
      "HTTP 502",
    ],
    ["malformed JSON", () => new Response('{"success": tr'), "the API answered malformed JSON"],
    [
      "success false with 200",
      () =>
        Response.json({ success: false, errors: [{ code: 7400, message: "SQL: SELECT secret" }] }),
      "HTTP 200 (Cloudflare error 7400)",
    ],
    ["wrong result count", () => Response.json(okEnvelope([[]])), "unexpected shape"],
    ["result not an array", () => Response.json({ success: true, result: {} }), "unexpected shape"],
    [
      "statement failed",
      () =>
        Response.json({
          success: true,
          result: [{ success: false }, { success: true, results: [] }],
        }),
      "a statement did not succeed",
    ],
    [
      "rows not objects",
      () => Response.json({ success: true, result: [{ results: [1] }, { results: [] }] }),
      "unexpected shape",
    ],
  ];
  for (const [name, respond, expected] of cases) {
    await t.step(name, async () => {
      const executor = createD1HttpExecutor({
        accountId: ACCOUNT,
        databaseId: DATABASE,
        apiToken: TOKEN,
        fetch: fakeFetch(respond).fetch,
      });
      const error = await assertRejects(
        () => executor.batch([{ sql: "SELECT 1", params: [] }, { sql: "SELECT 2", params: [] }]),
        StoreUnavailableError,
      );
      assertStringIncludes(error.message, "Querying D1 over HTTP failed: ");
      assertStringIncludes(error.message, expected);
      assert(!error.message.includes(TOKEN));
      assert(!error.message.includes("SELECT"));
    });
  }
});

Deno.test("a redirect is not followed and a body over the cap is not read to the end", async () => {
  const elsewhere = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    received += 1;
    return Response.json(okEnvelope([[]]));
  });
  let received = 0;
  const redirecting = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response(null, {
        status: 307,
        headers: { location: `http://127.0.0.1:${elsewhere.addr.port}/client/v4` },
      }),
  );
  try {
    const executor = createD1HttpExecutor({
      accountId: ACCOUNT,
      databaseId: DATABASE,
      apiToken: TOKEN,
      baseUrl: `http://127.0.0.1:${redirecting.addr.port}/client/v4`,
    });
    await assertRejects(
      () => executor.batch([{ sql: "SELECT 1", params: [] }]),
      StoreUnavailableError,
      "the API answered a redirect (HTTP 307), which is not followed",
    );
    assertEquals(received, 0, "the bearer token never reached the other origin");
  } finally {
    await redirecting.shutdown();
    await elsewhere.shutdown();
  }
  const huge = createD1HttpExecutor({
    accountId: ACCOUNT,
    databaseId: DATABASE,
    apiToken: TOKEN,
    fetch: fakeFetch(() => new Response("x".repeat(D1_HTTP_MAX_RESPONSE_BYTES + 1))).fetch,
  });
  await assertRejects(
    () => huge.batch([{ sql: "SELECT 1", params: [] }]),
    StoreUnavailableError,
    `the API answered more than ${D1_HTTP_MAX_RESPONSE_BYTES} bytes`,
  );
});

Deno.test("a D1 HTTP request that hangs times out", async () => {
  const hanging =
    ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener(
          "abort",
          () => reject(new DOMException("aborted", "AbortError")),
        );
      })) as typeof fetch;
  const executor = createD1HttpExecutor({
    accountId: ACCOUNT,
    databaseId: DATABASE,
    apiToken: TOKEN,
    fetch: hanging,
    timeoutMs: 50,
  });
  const started = performance.now();
  await assertRejects(
    () => executor.batch([{ sql: "SELECT 1", params: [] }]),
    StoreUnavailableError,
    "timed out after 50 ms",
  );
  assert(performance.now() - started < 1000);
});

Deno.test("D1 down, erroring or given a wrong token: StoreUnavailableError (real HTTP)", async () => {
  await withStandin(async (standin) => {
    const options = { accountId: ACCOUNT, databaseId: DATABASE, baseUrl: standin.apiBase };
    const ping = [{ sql: "SELECT 1", params: [] }];
    const wrongToken = createD1HttpExecutor({ ...options, apiToken: "not-the-token" });
    await assertRejects(() => wrongToken.batch(ping), StoreUnavailableError, "token was rejected");
    const wrongDb = createD1HttpExecutor({ ...options, databaseId: "other", apiToken: TOKEN });
    await assertRejects(() => wrongDb.batch(ping), StoreUnavailableError, "HTTP 404");

    const executor = createD1HttpExecutor({ ...options, apiToken: TOKEN });
    await standin.setFault("error");
    await assertRejects(() => executor.batch(ping), StoreUnavailableError, "HTTP 500");
    await standin.setFault("down");
    const down = await assertRejects(() => executor.batch(ping), StoreUnavailableError);
    assertEquals(down.message, "Querying D1 over HTTP failed: the API could not be reached");
    await standin.setFault(null);
    assertEquals(await executor.batch([{ sql: "SELECT 1 AS one", params: [] }]), [[{ one: 1 }]]);
  });
});
