import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertLess,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
// The stand-ins are test support (@spkey/testkit depends on this package, for the stamp verifier;
// importing it back from a test is a dev-only cycle, which is how the other tests here use it too).
import {
  recordingTracer,
  startTurnkeyStandin,
  turnkeyDemoUser,
  type TurnkeyStandin,
  turnkeyStandinApiKey,
  type TurnkeyStandinOptions,
} from "@spkey/testkit";
import { createApiKeyStamper } from "../stamp/mod.ts";
import { TURNKEY_SDK_FIXTURE_KEY } from "../../test/stamp_support.ts";
import {
  createTurnkeyClient,
  TURNKEY_MAX_RESPONSE_BYTES,
  type TurnkeyClientOptions,
  type TurnkeyStamper,
} from "./client.ts";
import { TurnkeyApiError, TurnkeyResponseError, TurnkeyTimeoutError } from "./errors.ts";

const stamper = createApiKeyStamper(turnkeyStandinApiKey);

async function withStandin(
  options: TurnkeyStandinOptions,
  run: (standin: TurnkeyStandin) => Promise<void>,
): Promise<void> {
  const standin = await startTurnkeyStandin(options);
  try {
    await run(standin);
  } finally {
    await standin.close();
  }
}

function clientFor(standin: TurnkeyStandin, options: Partial<TurnkeyClientOptions> = {}) {
  return createTurnkeyClient({
    baseUrl: standin.url,
    stamper,
    retryBaseDelayMs: 5,
    timeoutMs: 2_000,
    ...options,
  });
}

const demoRequest = (organizationId: string) => ({
  organizationId,
  userId: turnkeyDemoUser.userId,
});

Deno.test("getUser returns the user the stand-in serves, after it verified the stamp", async () => {
  await withStandin({}, async (standin) => {
    const { user } = await clientFor(standin).getUser(demoRequest(standin.organizationId));
    assertEquals(user, turnkeyDemoUser);
    assertEquals(standin.requests, 1);
  });
});

Deno.test("the body Turnkey receives is byte for byte the body that was stamped", async () => {
  await withStandin({}, async (standin) => {
    const stamped: { payload: string; header: string }[] = [];
    const recording: TurnkeyStamper = {
      async stamp(payload) {
        const result = await stamper.stamp(payload);
        stamped.push({ payload, header: result.stampHeaderValue });
        return result;
      },
    };
    await clientFor(standin, { stamper: recording }).getUser(demoRequest(standin.organizationId));
    assertEquals(stamped.length, 1);
    assertEquals(standin.lastRequest?.body, stamped[0].payload);
    assertEquals(standin.lastRequest?.stamp, stamped[0].header);
    assertEquals(
      stamped[0].payload,
      `{"organizationId":"${standin.organizationId}","userId":"${turnkeyDemoUser.userId}"}`,
    );
  });
});

Deno.test("an unknown user is a TurnkeyApiError 404 with gRPC code 5, not retried", async () => {
  await withStandin({}, async (standin) => {
    const error = await assertRejects(
      () =>
        clientFor(standin).getUser({ organizationId: standin.organizationId, userId: "nobody" }),
      TurnkeyApiError,
      "user not found",
    );
    assertEquals([error.status, error.grpcCode, error.turnkeyErrorCode], [
      404,
      5,
      "USER_NOT_FOUND",
    ]);
    assertEquals(standin.requests, 1);
  });
});

Deno.test("a key Turnkey does not know is a 401 with a turnkeyErrorCode, not retried", async () => {
  await withStandin({}, async (standin) => {
    const stranger = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
    const error = await assertRejects(
      () => clientFor(standin, { stamper: stranger }).getUser(demoRequest(standin.organizationId)),
      TurnkeyApiError,
    );
    assertEquals(error.status, 401);
    assertEquals(error.grpcCode, 16);
    assertEquals(error.turnkeyErrorCode, "PUBLIC_KEY_NOT_FOUND");
    assertEquals(error.details[0]?.turnkeyErrorCode, "PUBLIC_KEY_NOT_FOUND");
    assertEquals(standin.requests, 1);
  });
});

Deno.test("a stamp over a different body is rejected by the stand-in as 401 STAMP_INVALID", async () => {
  await withStandin({}, async (standin) => {
    const wrongBody: TurnkeyStamper = { stamp: (payload) => stamper.stamp(payload + " ") };
    const error = await assertRejects(
      () => clientFor(standin, { stamper: wrongBody }).getUser(demoRequest(standin.organizationId)),
      TurnkeyApiError,
    );
    assertEquals([error.status, error.turnkeyErrorCode], [401, "STAMP_INVALID"]);
  });
});

Deno.test("an expired API key (unauthorized fault) is a 401 carrying API_KEY_EXPIRED", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("unauthorized");
    const error = await assertRejects(
      () => clientFor(standin).getUser(demoRequest(standin.organizationId)),
      TurnkeyApiError,
      "API key expired",
    );
    assertEquals([error.status, error.turnkeyErrorCode], [401, "API_KEY_EXPIRED"]);
    assertEquals(standin.requests, 1);
  });
});

Deno.test("a 429 is retried and the call then succeeds", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("rate_limit_once");
    const { user } = await clientFor(standin).getUser(demoRequest(standin.organizationId));
    assertEquals(user.userId, turnkeyDemoUser.userId);
    assertEquals(standin.requests, 2);
  });
});

Deno.test("5xx answers are retried maxRetries times, then the 500 is reported", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("server_error");
    const started = performance.now();
    const error = await assertRejects(
      () => clientFor(standin, { maxRetries: 2 }).getUser(demoRequest(standin.organizationId)),
      TurnkeyApiError,
      "internal server error",
    );
    assertEquals([error.status, error.grpcCode], [500, 13]);
    assertEquals(standin.requests, 3);
    assertLess(performance.now() - started, 1_000);
  });
});

Deno.test("a slow Turnkey is a TurnkeyTimeoutError after timeoutMs, not retried", async () => {
  await withStandin({ slowMs: 10_000 }, async (standin) => {
    standin.setFault("slow");
    const started = performance.now();
    const error = await assertRejects(
      () => clientFor(standin, { timeoutMs: 150 }).getUser(demoRequest(standin.organizationId)),
      TurnkeyTimeoutError,
      "Turnkey did not answer within 150 ms",
    );
    assertEquals(error.timeoutMs, 150);
    const elapsed = performance.now() - started;
    assert(elapsed >= 140, `gave up too early: ${elapsed} ms`);
    assertLess(elapsed, 1_500);
    assertEquals(standin.requests, 1);
  });
});

Deno.test("a body that is not JSON is a TurnkeyResponseError that does not echo the body", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("garbage");
    const error = await assertRejects(
      () => clientFor(standin).getUser(demoRequest(standin.organizationId)),
      TurnkeyResponseError,
      "Turnkey answered HTTP 200 with a body that is not JSON",
    );
    assertEquals(error.status, 200);
    assert(!error.message.includes("hiccup"));
  });
});

Deno.test("a JSON body that does not match the schema is a TurnkeyResponseError naming the field", async () => {
  const invalidUser = { userId: 42, userName: "secret-name-not-to-echo" };
  await withStandin({ users: { broken: invalidUser } }, async (standin) => {
    const error = await assertRejects(
      () =>
        clientFor(standin).getUser({ organizationId: standin.organizationId, userId: "broken" }),
      TurnkeyResponseError,
      "does not match the expected schema (user.userId: Invalid input: expected string",
    );
    assertEquals(error.status, 200);
    assert(!error.message.includes("secret-name-not-to-echo"));
    assertEquals(standin.requests, 1);
  });
});

Deno.test("an invalid request throws a TypeError and sends nothing", async () => {
  await withStandin({}, async (standin) => {
    await assertRejects(
      () => clientFor(standin).getUser({ organizationId: "", userId: "u" }),
      TypeError,
      "Cannot call Turnkey get_user: the request is invalid (organizationId: Too small",
    );
    await assertRejects(
      () => clientFor(standin).getUser({ organizationId: "o", userId: "u", extra: 1 } as never),
      TypeError,
      'Unrecognized key: "extra"',
    );
    assertEquals(standin.requests, 0);
  });
});

Deno.test("an unreachable Turnkey is a TurnkeyResponseError without a status", async () => {
  const standin = await startTurnkeyStandin();
  await standin.close();
  const error = await assertRejects(
    () => clientFor(standin).getUser(demoRequest(standin.organizationId)),
    TurnkeyResponseError,
    "Cannot reach Turnkey",
  );
  assertEquals(error.status, undefined);
});

Deno.test("the caller's signal aborts a call in flight with its own reason", async () => {
  await withStandin({ slowMs: 10_000 }, async (standin) => {
    standin.setFault("slow");
    const controller = new AbortController();
    const call = clientFor(standin).getUser(demoRequest(standin.organizationId), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("operator cancelled")), 50);
    await assertRejects(() => call, Error, "operator cancelled");
  });
});

Deno.test("a redirect is not followed: nothing reaches the other origin, not the stamp either", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("redirect");
    const error = await assertRejects(
      () => clientFor(standin).getUser(demoRequest(standin.organizationId)),
      TurnkeyResponseError,
      "Turnkey answered a redirect (HTTP 307), which is not followed",
    );
    assertEquals(error.status, 307);
    assertEquals([standin.requests, standin.redirectTargetRequests], [1, 0]);
  });
});

Deno.test("a 503 whose Retry-After ends past the deadline ends the call at once", async () => {
  await withStandin({ retryAfterSeconds: 5 }, async (standin) => {
    standin.setFault("unavailable");
    const started = performance.now();
    const error = await assertRejects(
      () => clientFor(standin, { timeoutMs: 2_000 }).getUser(demoRequest(standin.organizationId)),
      TurnkeyApiError,
      "service unavailable",
    );
    assertEquals([error.status, error.grpcCode], [503, 14]);
    assertEquals(standin.requests, 1);
    assertLess(performance.now() - started, 1_000);
  });
});

Deno.test("an endless body is cut at TURNKEY_MAX_RESPONSE_BYTES, not read until the timeout", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("endless_body");
    const started = performance.now();
    const error = await assertRejects(
      () => clientFor(standin, { timeoutMs: 10_000 }).getUser(demoRequest(standin.organizationId)),
      TurnkeyResponseError,
      `Turnkey answered more than ${TURNKEY_MAX_RESPONSE_BYTES} bytes`,
    );
    assertEquals(error.status, 200);
    assertEquals(standin.requests, 1);
    assertLess(performance.now() - started, 5_000);
  });
});

// The cases below need answers the stand-in does not give (long Retry-After, a proxy's HTML 502),
// so they use a scripted fetch.
function scriptedFetch(
  responses: (() => Response)[],
): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: () => Promise.resolve(responses[Math.min(calls++, responses.length - 1)]()),
    calls: () => calls,
  };
}

const fakeStamper: TurnkeyStamper = {
  stamp: () => Promise.resolve({ stampHeaderName: "X-Stamp", stampHeaderValue: "stamp" }),
};
const request = { organizationId: "org-1", userId: "user-1" };

Deno.test("a Retry-After longer than maxRetryAfterMs ends the call at once", async () => {
  const script = scriptedFetch([() =>
    Response.json({ code: 8, message: "", details: [] }, {
      status: 429,
      headers: { "Retry-After": "120" },
    })]);
  const client = createTurnkeyClient({ stamper: fakeStamper, fetch: script.fetch });
  const error = await assertRejects(() => client.getUser(request), TurnkeyApiError);
  assertEquals([error.status, error.grpcCode, error.message], [
    429,
    8,
    "Turnkey answered HTTP 429",
  ]);
  assertEquals(script.calls(), 1);
});

Deno.test("timeoutMs bounds the whole call: a retry that would end past it is not made", async () => {
  const busy = () =>
    Response.json({ code: 14, message: "busy", details: [] }, {
      status: 503,
      headers: { "Retry-After": "0.3" },
    });
  const script = scriptedFetch([busy, busy, () => Response.json({ user: {} })]);
  const client = createTurnkeyClient({
    stamper: fakeStamper,
    fetch: script.fetch,
    timeoutMs: 500,
    maxRetries: 5,
  });
  const started = performance.now();
  const error = await assertRejects(() => client.getUser(request), TurnkeyApiError, "busy");
  // 0 ms: 503, wait 300 ms (ends at 300, inside 500); 300 ms: 503, a second wait would end at
  // 600, past the deadline, so the call ends with that 503.
  assertEquals([error.status, script.calls()], [503, 2]);
  const elapsed = performance.now() - started;
  assert(elapsed >= 290 && elapsed < 500, `answered after ${elapsed} ms`);
});

Deno.test("an attempt gets only what is left of timeoutMs", async () => {
  let calls = 0;
  const client = createTurnkeyClient({
    stamper: fakeStamper,
    timeoutMs: 400,
    retryBaseDelayMs: 1,
    fetch: (_input, init) => {
      calls += 1;
      if (calls === 1) {
        // A 500 that takes 250 ms: the retry has 150 ms left, not another 400.
        return new Promise<Response>((resolve) =>
          setTimeout(
            () => resolve(Response.json({ code: 13, message: "", details: [] }, { status: 500 })),
            250,
          )
        );
      }
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      });
    },
  });
  const started = performance.now();
  const error = await assertRejects(() => client.getUser(request), TurnkeyTimeoutError);
  assertEquals([error.timeoutMs, calls], [400, 2]);
  const elapsed = performance.now() - started;
  assert(elapsed >= 390 && elapsed < 600, `answered after ${elapsed} ms, not 250 + 400`);
});

Deno.test("a proxy's non-JSON 502 is retried, and a later success is returned", async () => {
  const at = { seconds: "1", nanos: "0" };
  const user = {
    userId: "user-1",
    userName: "Ada",
    authenticators: [],
    apiKeys: [],
    userTags: [],
    oauthProviders: [],
    createdAt: at,
    updatedAt: at,
  };
  const script = scriptedFetch([
    () => new Response("<html>Bad Gateway</html>", { status: 502 }),
    () => Response.json({ user }),
  ]);
  const client = createTurnkeyClient({
    stamper: fakeStamper,
    fetch: script.fetch,
    retryBaseDelayMs: 1,
  });
  assertEquals((await client.getUser(request)).user, user);
  assertEquals(script.calls(), 2);
});

Deno.test("an error body that is not a gRPC status object is a TurnkeyResponseError with the status", async (t) => {
  for (const body of [["oops"], "oops", null, { code: "PERMISSION_DENIED" }, { details: "none" }]) {
    await t.step(JSON.stringify(body), async () => {
      const script = scriptedFetch([() => Response.json(body, { status: 403 })]);
      const client = createTurnkeyClient({ stamper: fakeStamper, fetch: script.fetch });
      const error = await assertRejects(() => client.getUser(request), TurnkeyResponseError);
      assertEquals(error.status, 403);
      assertStringIncludes(error.message, "HTTP 403 with an unrecognised error body");
    });
  }
});

// Turnkey's swagger requires none of code, message and details, and its SDK types details as
// `unknown[] | null`: such bodies are Turnkey errors, classified by what they carry.
const REAL_SHAPED_ERRORS: [string, number, unknown, Partial<TurnkeyApiError>][] = [
  [
    "NOT_FOUND with details: null",
    404,
    { code: 5, message: "user not found", details: null },
    { status: 404, grpcCode: 5, message: "user not found", turnkeyErrorCode: undefined },
  ],
  [
    "UNAUTHENTICATED without details",
    401,
    { code: 16, message: "could not verify stamp" },
    { status: 401, grpcCode: 16, message: "could not verify stamp", turnkeyErrorCode: undefined },
  ],
  [
    "an empty body object",
    404,
    {},
    { status: 404, grpcCode: undefined, message: "Turnkey answered HTTP 404" },
  ],
  [
    "only a message",
    403,
    { message: "forbidden" },
    { status: 403, grpcCode: undefined, message: "forbidden" },
  ],
];

for (const [name, status, body, expected] of REAL_SHAPED_ERRORS) {
  Deno.test(`a Turnkey error body with ${name} is a TurnkeyApiError, not an unrecognised body`, async () => {
    const script = scriptedFetch([() => Response.json(body, { status })]);
    const client = createTurnkeyClient({ stamper: fakeStamper, fetch: script.fetch });
    const error = await assertRejects(() => client.getUser(request), TurnkeyApiError);
    for (const [field, value] of Object.entries(expected)) {
      assertEquals(error[field as keyof TurnkeyApiError], value, field);
    }
    assertEquals(error.details, []);
    assertEquals(script.calls(), 1);
  });
}

const BAD_OPTIONS: [string, Partial<TurnkeyClientOptions>, typeof TypeError, string][] = [
  ["no stamper", { stamper: undefined }, TypeError, "stamper must have a stamp(payload) function"],
  ["a relative baseUrl", { baseUrl: "/turnkey" }, TypeError, "baseUrl is not a valid URL"],
  ["an ftp baseUrl", { baseUrl: "ftp://api.turnkey.com" }, TypeError, "must be an http(s) URL"],
  ["a zero timeout", { timeoutMs: 0 }, RangeError, "timeoutMs must be a positive number, got 0"],
  ["11 retries", { maxRetries: 11 }, RangeError, "maxRetries must be an integer from 0 to 10"],
  ["fractional retries", { maxRetries: 1.5 }, RangeError, "maxRetries must be an integer"],
  ["a negative base delay", { retryBaseDelayMs: -1 }, RangeError, "retryBaseDelayMs must be"],
];

for (const [name, options, errorClass, message] of BAD_OPTIONS) {
  Deno.test(`createTurnkeyClient rejects ${name}`, () => {
    const error = assertThrows(
      () => createTurnkeyClient({ stamper: fakeStamper, ...options } as TurnkeyClientOptions),
      errorClass,
      message,
    );
    assertInstanceOf(error, errorClass);
    assertStringIncludes(error.message, "Cannot create the Turnkey client: ");
  });
}

Deno.test("with a tracer, each attempt is a span with its status and exact sizes, never the stamp", async () => {
  await withStandin({}, async (standin) => {
    standin.setFault("rate_limit_once");
    const tracer = recordingTracer();
    await clientFor(standin, { tracer }).getUser(demoRequest(standin.organizationId));
    const sent = new TextEncoder().encode(standin.lastRequest?.body).byteLength;
    assertEquals(
      tracer.spans.map((s) => [
        s.name,
        s.attributes["http.response.status_code"],
        s.attributes["http.request.body.size"],
      ]),
      [["Turnkey get_user", 429, sent], ["Turnkey get_user", 200, sent]],
    );
    const stamp = standin.lastRequest?.stamp ?? "";
    assert(stamp.length > 0);
    assertEquals(JSON.stringify(tracer.spans).includes(stamp), false);
  });
});
