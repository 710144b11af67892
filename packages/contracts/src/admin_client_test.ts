import { assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import {
  diagnosticsUrl,
  getAdminJson,
  isApiErrorEnvelope,
  parseRetryAfter,
  turnkeyUserUrl,
  userSearchUrl,
} from "./admin_client.ts";

const creds = { adminKey: "admin-key-1", jwt: "header.payload.sig" };

function fakeFetch(
  response: () => Response | Promise<Response>,
  seen: Request[] = [],
): typeof fetch {
  return (input, init) => {
    seen.push(new Request(input as string, init));
    return Promise.resolve(response());
  };
}

Deno.test("URLs join the api base and encode ids", () => {
  assertEquals(
    diagnosticsUrl("http://x.test//", "11111111-1111-4111-8111-111111111111"),
    "http://x.test/admin/threedeye/users/11111111-1111-4111-8111-111111111111",
  );
  assertEquals(diagnosticsUrl("", "../x?y"), "/admin/threedeye/users/..%2Fx%3Fy");
  assertEquals(
    turnkeyUserUrl("http://x.test", "u/1", null),
    "http://x.test/admin/turnkey/users/u%2F1",
  );
  assertEquals(
    turnkeyUserUrl("http://x.test", "u", "org&1"),
    "http://x.test/admin/turnkey/users/u?organizationId=org%261",
  );
  assertEquals(
    userSearchUrl("http://x.test/", "a&b=c+d@x.test"),
    "http://x.test/admin/threedeye/users?email=a%26b%3Dc%2Bd%40x.test",
  );
});

Deno.test("getAdminJson asks for fresh data with Cache-Control: no-cache only when told to", async () => {
  const seen: Request[] = [];
  const respond = fakeFetch(() => Response.json({}), seen);
  await getAdminJson("http://x.test/a", creds, { fetch: respond });
  await getAdminJson("http://x.test/a", creds, { fetch: respond, fresh: true });
  assertEquals(seen.map((r) => r.headers.get("Cache-Control")), [null, "no-cache"]);
  // An ordinary load must not use the "no-store" mode: browsers add Cache-Control: no-cache to
  // such requests by themselves (the Chromium suite checks what the server receives).
  assertEquals(seen.map((r) => r.cache), ["default", "no-store"]);
});

Deno.test("getAdminJson sends both credentials and returns the JSON body", async () => {
  const seen: Request[] = [];
  const result = await getAdminJson("http://x.test/a", creds, {
    fetch: fakeFetch(
      () => Response.json({ ok: 1 }, { headers: { "X-Request-Id": "req_1" } }),
      seen,
    ),
  });
  assertEquals(result, { ok: true, status: 200, body: { ok: 1 }, requestId: "req_1" });
  assertEquals(seen[0].headers.get("X-Admin-API-Key"), "admin-key-1");
  assertEquals(seen[0].headers.get("Authorization"), "Bearer header.payload.sig");
  assertEquals(seen[0].credentials, "omit");
});

Deno.test("getAdminJson returns the error envelope, its request id and Retry-After", async () => {
  const envelope = {
    error: "Too Many Requests",
    message: "Slow down.",
    code: 429,
    requestId: "req_9",
  };
  const result = await getAdminJson("http://x.test/a", creds, {
    fetch: fakeFetch(() =>
      Response.json(envelope, {
        status: 429,
        headers: { "Retry-After": "30", "X-Request-Id": "other" },
      })
    ),
  });
  assertEquals(result, {
    ok: false,
    status: 429,
    envelope,
    message: "Slow down.",
    retryAfterSeconds: 30,
    requestId: "req_9",
  });
});

Deno.test("getAdminJson describes non-JSON answers", async () => {
  const html = await getAdminJson("http://x.test/a", creds, {
    fetch: fakeFetch(() =>
      new Response("<html>", { status: 200, headers: { "X-Request-Id": "r" } })
    ),
  });
  assertEquals(html.ok ? null : [html.status, html.message, html.requestId], [
    200,
    "The API answered with something that is not JSON.",
    "r",
  ]);
  const bad = await getAdminJson("http://x.test/a", creds, {
    fetch: fakeFetch(() => new Response("oops", { status: 502, statusText: "Bad Gateway" })),
  });
  assertEquals(bad.ok ? null : [bad.status, bad.envelope, bad.message], [
    502,
    null,
    "The API answered 502 Bad Gateway.",
  ]);
});

Deno.test("getAdminJson turns a network failure into status 0, with what fetch threw", async () => {
  const thrown = new TypeError("Failed to fetch");
  const result = await getAdminJson("http://x.test/a", creds, {
    fetch: () => Promise.reject(thrown),
  });
  assertEquals(result.ok ? null : [result.status, result.message, result.cause], [
    0,
    "Could not reach the diagnostics API (Failed to fetch).",
    thrown,
  ]);
});

Deno.test("getAdminJson turns the caller's timeout into status 0, not an abort", async () => {
  const never: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
    });
  const result = await getAdminJson("http://x.test/a", creds, {
    fetch: never,
    signal: AbortSignal.timeout(1),
  });
  assertEquals(result.ok ? null : [result.status, (result.cause as Error).name], [
    0,
    "TimeoutError",
  ]);
});

Deno.test("getAdminJson says why a body is not JSON, and only then", async () => {
  const notJson = await getAdminJson("http://x.test/a", creds, {
    fetch: fakeFetch(() => new Response("<html>", { status: 502 })),
  });
  assertEquals(notJson.ok ? null : (notJson.cause as Error).name, "SyntaxError");
  const json = await getAdminJson("http://x.test/a", creds, {
    fetch: fakeFetch(() => Response.json({ detail: "x" }, { status: 502 })),
  });
  assertEquals(json.ok ? null : [json.status, "cause" in json], [502, false]);
});

Deno.test("getAdminJson never follows a redirect: the credentials reach no other server", async () => {
  const elsewhere: Request[] = [];
  const other = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    elsewhere.push(request);
    return Response.json({ stolen: true });
  });
  const api = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () =>
      new Response(null, {
        status: 307,
        headers: { Location: `http://127.0.0.1:${other.addr.port}/admin/threedeye/users/x` },
      }),
  );
  try {
    const result = await getAdminJson(
      diagnosticsUrl(`http://127.0.0.1:${api.addr.port}`, "x"),
      creds,
    );
    assertEquals(result.ok, false);
    assertEquals(result.status, 307);
    assertEquals(elsewhere.length, 0);
    if (!result.ok) assertStringIncludes(result.message, "redirect");
  } finally {
    await Promise.all([api.shutdown(), other.shutdown()]);
  }
});

Deno.test("getAdminJson lets an abort propagate", async () => {
  await assertRejects(
    () =>
      getAdminJson("http://x.test/a", creds, {
        fetch: () => Promise.reject(new DOMException("stop", "AbortError")),
      }),
    DOMException,
  );
});

Deno.test("isApiErrorEnvelope checks the envelope's three required fields", () => {
  assertEquals(isApiErrorEnvelope({ error: "Bad Request", message: "m", code: 400 }), true);
  assertEquals(isApiErrorEnvelope({ error: "Bad Request", message: "m", code: "400" }), false);
  assertEquals(isApiErrorEnvelope({ code: 400, message: "m", details: [] }), false);
  assertEquals(isApiErrorEnvelope(null), false);
});

Deno.test("parseRetryAfter reads delay-seconds and HTTP dates", () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 0);
  assertEquals(parseRetryAfter("30", now), 30);
  assertEquals(parseRetryAfter(" 7 ", now), 7);
  assertEquals(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now), 90);
  assertEquals(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now), 0);
  assertEquals(parseRetryAfter(null, now), null);
  assertEquals(parseRetryAfter("", now), null);
  assertEquals(parseRetryAfter("soon", now), null);
});
