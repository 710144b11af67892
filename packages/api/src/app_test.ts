import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { adminHeaders, buildTestApp, testEnv } from "../test/support/test_app.ts";

const HEALTHY = "/admin/threedeye/users/11111111-1111-4111-8111-111111111111";
const ALLOWED = "https://admin.example.com";

Deno.test("every response carries a fresh X-Request-Id, errors included", async () => {
  const { app } = buildTestApp();
  const ids = new Set<string>();
  for (const path of ["/healthz", "/nope", HEALTHY, "/openapi.json"]) {
    const res = await app.request(path);
    await res.body?.cancel();
    const id = res.headers.get("x-request-id") ?? "";
    assertMatch(id, /^req_[0-9a-f]{24}$/);
    ids.add(id);
  }
  assertEquals(ids.size, 4);
});

const INCOMING: Array<[string, boolean]> = [
  ["abc-123_XYZ.7", true],
  ["a".repeat(64), true],
  ["a".repeat(65), false],
  ["has space", false],
  ["semi;colon", false],
  ["<script>", false],
  ["", false],
];

for (const [incoming, kept] of INCOMING) {
  Deno.test(`an incoming X-Request-Id ${JSON.stringify(incoming.slice(0, 12))} is ${kept ? "kept" : "replaced"}`, async () => {
    const { app } = buildTestApp();
    const res = await app.request("/healthz", { headers: { "X-Request-Id": incoming } });
    await res.body?.cancel();
    const id = res.headers.get("x-request-id");
    if (kept) assertEquals(id, incoming);
    else assertMatch(id ?? "", /^req_/);
  });
}

Deno.test("admin responses are no-store, success and failure alike; health is not", async () => {
  const { app } = buildTestApp();
  const ok = await app.request(HEALTHY, { headers: await adminHeaders() });
  const denied = await app.request(HEALTHY);
  const page = await app.request("/admin");
  const health = await app.request("/healthz");
  for (const res of [ok, denied, page, health]) await res.body?.cancel();
  assertEquals(ok.headers.get("cache-control"), "no-store");
  assertEquals(denied.headers.get("cache-control"), "no-store");
  assertEquals(page.headers.get("cache-control"), "no-store");
  assertEquals(health.headers.get("cache-control"), null);
});

Deno.test("secure headers are set on every response, each once; document headers on pages only", async () => {
  const { app } = buildTestApp();
  const admin = await adminHeaders();
  const answers: Array<[string, string, Record<string, string>]> = [
    ["JSON", "/healthz", {}],
    ["JSON", "/nope", {}],
    ["JSON", HEALTHY, {}],
    ["JSON", HEALTHY, admin],
    ["JSON", "/openapi.json", {}],
    ["page", "/admin", {}],
    ["page", "/docs", {}],
  ];
  for (const [kind, path, headers] of answers) {
    const res = await app.request(path, { headers });
    await res.body?.cancel();
    const where = `${path} (${res.status})`;
    // Headers.get joins repeated headers with ", ": an exact value means it was sent once.
    assertEquals(res.headers.get("x-content-type-options"), "nosniff", where);
    assertEquals(res.headers.get("x-frame-options"), "SAMEORIGIN", where);
    assertEquals(res.headers.get("cross-origin-resource-policy"), "same-origin", where);
    assertEquals(
      res.headers.get("strict-transport-security"),
      "max-age=15552000; includeSubDomains",
      where,
    );
    const page = kind === "page";
    assertEquals(res.headers.get("referrer-policy"), page ? "no-referrer" : null, where);
    assertEquals(res.headers.get("cross-origin-opener-policy"), page ? "same-origin" : null, where);
  }
});

Deno.test("CORS: an allowed origin gets ACAO and exposed headers, also on a 401", async () => {
  const { app } = buildTestApp({ env: testEnv({ CORS_ORIGINS: ALLOWED }) });
  const ok = await app.request(HEALTHY, {
    headers: { ...(await adminHeaders()), Origin: ALLOWED },
  });
  const denied = await app.request(HEALTHY, { headers: { Origin: ALLOWED } });
  for (const res of [ok, denied]) {
    await res.body?.cancel();
    assertEquals(res.headers.get("access-control-allow-origin"), ALLOWED);
    assertStringIncludes(res.headers.get("access-control-expose-headers") ?? "", "X-Request-Id");
    assertStringIncludes(res.headers.get("vary") ?? "", "Origin");
  }
  assertEquals(ok.status, 200);
  assertEquals(denied.status, 401);
});

Deno.test("CORS: a preflight from an allowed origin allows the auth headers", async () => {
  const { app } = buildTestApp({ env: testEnv({ CORS_ORIGINS: ALLOWED }) });
  const res = await app.request(HEALTHY, {
    method: "OPTIONS",
    headers: {
      Origin: ALLOWED,
      "Access-Control-Request-Method": "GET",
      "Access-Control-Request-Headers": "authorization, x-admin-api-key",
    },
  });
  assertEquals(res.status, 204);
  assertEquals(res.headers.get("access-control-allow-origin"), ALLOWED);
  const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase();
  for (const header of ["authorization", "x-admin-api-key", "x-api-key"]) {
    assertStringIncludes(allowed, header);
  }
  assertStringIncludes(res.headers.get("access-control-allow-methods") ?? "", "GET");
  assertMatch(res.headers.get("x-request-id") ?? "", /^req_/);
});

Deno.test("CORS: the widget may send Cache-Control and read X-Remote-Fetched-At cross-origin", async () => {
  const { app } = buildTestApp({ env: testEnv({ CORS_ORIGINS: ALLOWED }) });
  const preflight = await app.request(HEALTHY, {
    method: "OPTIONS",
    headers: {
      Origin: ALLOWED,
      "Access-Control-Request-Method": "GET",
      "Access-Control-Request-Headers": "authorization, x-admin-api-key, cache-control",
    },
  });
  assertEquals(preflight.status, 204);
  const allowed = (preflight.headers.get("access-control-allow-headers") ?? "").toLowerCase();
  assertStringIncludes(allowed, "cache-control");
  const res = await app.request(HEALTHY, {
    headers: { ...(await adminHeaders()), Origin: ALLOWED, "Cache-Control": "no-cache" },
  });
  await res.body?.cancel();
  assertEquals(res.status, 200);
  assert(res.headers.has("x-remote-fetched-at"));
  const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase();
  assertStringIncludes(exposed, "x-remote-fetched-at");
});

Deno.test("CORS: other origins get no ACAO, on preflight or request", async () => {
  const { app } = buildTestApp({ env: testEnv({ CORS_ORIGINS: ALLOWED }) });
  for (const origin of ["https://evil.example", "https://admin.example.com.evil.io", "null"]) {
    const preflight = await app.request(HEALTHY, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "GET" },
    });
    const request = await app.request(HEALTHY, {
      headers: { ...(await adminHeaders()), Origin: origin },
    });
    for (const res of [preflight, request]) {
      await res.body?.cancel();
      assertEquals(res.headers.get("access-control-allow-origin"), null, origin);
    }
  }
});

Deno.test("CORS: answers without Origin still vary by Origin when CORS is configured", async () => {
  const { app } = buildTestApp({ env: testEnv({ CORS_ORIGINS: ALLOWED }) });
  const res = await app.request("/openapi.json");
  await res.body?.cancel();
  assertEquals(res.headers.get("vary"), "Origin");
  assertEquals(res.headers.get("access-control-allow-origin"), null);
});

Deno.test("CORS: no origin is allowed when CORS_ORIGINS is unset", async () => {
  const { app } = buildTestApp();
  const res = await app.request("/healthz", { headers: { Origin: ALLOWED } });
  await res.body?.cancel();
  assertEquals(res.headers.get("access-control-allow-origin"), null);
});

Deno.test("a plain OPTIONS without Origin is a 405 listing the allowed methods", async () => {
  const { app } = buildTestApp();
  const res = await app.request("/healthz", { method: "OPTIONS" });
  await res.body?.cancel();
  assertEquals(res.status, 405);
  assertEquals(res.headers.get("allow"), "GET, HEAD");
});

Deno.test("HEAD is answered wherever GET is, without a body", async () => {
  const { app } = buildTestApp();
  const res = await app.request(HEALTHY, { method: "HEAD", headers: await adminHeaders() });
  assertEquals(res.status, 200);
  assertEquals(await res.text(), "");
});

Deno.test("GET /widget.js serves the widget source as JavaScript when provided", async () => {
  const { app } = buildTestApp({
    assets: { widgetJs: () => Promise.resolve("export const widget = 1;\n") },
  });
  const res = await app.request("/widget.js");
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("content-type"), "text/javascript; charset=utf-8");
  assertEquals(res.headers.get("cross-origin-resource-policy"), "cross-origin");
  assertEquals(await res.text(), "export const widget = 1;\n");
});

Deno.test("GET /widget.js is a 404 envelope when the host has no widget", async () => {
  for (const assets of [undefined, { widgetJs: () => Promise.resolve(null) }]) {
    const res = await buildTestApp({ assets }).app.request("/widget.js");
    assertEquals(res.status, 404);
    assertEquals((await res.json()).message, "The widget is not available on this server.");
  }
});

Deno.test("GET /favicon.ico answers 204 (no icon, no 404 console error), cached", async () => {
  const { app } = buildTestApp();
  const res = await app.request("/favicon.ico");
  assertEquals(res.status, 204);
  assertEquals(await res.text(), "");
  assertEquals(res.headers.get("cache-control"), "public, max-age=86400");
  assert(res.headers.has("x-request-id"));
});

Deno.test("GET /admin serves the demo page embedding the widget, without credentials", async () => {
  const { app } = buildTestApp();
  const res = await app.request("/admin");
  assertEquals(res.status, 200);
  assertStringIncludes(res.headers.get("content-type") ?? "", "text/html");
  assertStringIncludes(res.headers.get("content-security-policy") ?? "", "script-src 'self'");
  const html = await res.text();
  assertStringIncludes(html, '<script type="module" src="/widget.js"></script>');
  assertStringIncludes(html, '<spkey-threedeye-diagnostics api-base="" user-id="" deep-link>');
  assert(!/<script>/.test(html), "no inline script");
});

Deno.test("GET /admin/threedeye/users/:id lowercases the id before the lookup", async () => {
  const { app, store } = buildTestApp();
  const res = await app.request(
    HEALTHY.toUpperCase().replace("/ADMIN/THREEDEYE/USERS/", "/admin/threedeye/users/"),
    {
      headers: await adminHeaders(),
    },
  );
  assertEquals(res.status, 200);
  assertEquals((await res.json()).userId, "11111111-1111-4111-8111-111111111111");
  assertEquals((store as { reads?: string[] }).reads, ["11111111-1111-4111-8111-111111111111"]);
});

Deno.test("createApp logs which auth failure limiter it uses, once", () => {
  const memory = buildTestApp();
  assertEquals(memory.logs.filter((l) => l.msg === "auth failure limiter"), [
    { level: "info", msg: "auth failure limiter", kind: "memory" },
  ]);
  const shared = buildTestApp({
    failureTally: { kind: "deno-kv", add: () => Promise.reject(new Error("unused")) },
  });
  assertEquals(shared.logs.find((l) => l.msg === "auth failure limiter")?.kind, "deno-kv");
});

Deno.test("a failing shared failure store is logged by error name, and the limit still holds", async () => {
  const { app, logs } = buildTestApp({
    env: testEnv({ ADMIN_AUTH_FAILURE_LIMIT: "2" }),
    failureTally: {
      kind: "deno-kv",
      add: () => Promise.reject(new TypeError("database is locked at /secret/path")),
    },
  });
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.request("/admin/threedeye/users/11111111-1111-4111-8111-111111111111", {
      headers: { "X-Admin-API-Key": "wrong-admin-key-0123456789" },
    });
    await res.body?.cancel();
    statuses.push(res.status);
  }
  assertEquals(statuses, [401, 401, 429]);
  const warnings = logs.filter((l) => l.msg === "auth failure store unavailable");
  assertEquals(warnings.length, 2, "the third attempt was refused before any store call");
  assertEquals(warnings[0], {
    level: "warn",
    msg: "auth failure store unavailable",
    kind: "deno-kv",
    error: "TypeError",
  });
});
