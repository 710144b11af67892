import { assertEquals, assertMatch } from "@std/assert";
import { Hono } from "hono";
import { recordingTracer } from "@spkey/testkit";
import type { AppEnv } from "./app_env.ts";
import type { Logger } from "./logging.ts";
import { requestWrapper } from "./request_wrapper.ts";

type Line = { level: string; msg: string; fields: Record<string, unknown> };

function wrappedApp(tracer = recordingTracer()) {
  const lines: Line[] = [];
  const log: Logger = (level, msg, fields) => lines.push({ level, msg, fields });
  let clock = 1_000;
  const app = new Hono<AppEnv>();
  app.use("*", requestWrapper(log, () => (clock += 5), tracer));
  app.onError((_error, c) => c.json({ error: "boom" }, 500));
  // Stands in for the CORS layer: a preflight is answered without reaching the routes.
  app.options("*", (c) => c.body(null, 204));
  app.get("/admin/things/:id", (c) => {
    c.set("adminSubject", "admin-sub");
    return c.json({ id: c.req.param("id"), requestId: c.get("requestId") });
  });
  app.get("/admin", (c) => c.html("<p>admin</p>"));
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/fails", () => {
    throw new Error("The handler failed.");
  });
  return { app, lines, tracer };
}

Deno.test("requestWrapper shares one request id between the handler, the header and the log", async () => {
  const { app, lines } = wrappedApp();
  const res = await app.request("/admin/things/7", { headers: { "X-Request-Id": "abc-123" } });
  assertEquals((await res.json()).requestId, "abc-123");
  assertEquals(res.headers.get("x-request-id"), "abc-123");
  assertEquals(lines, [{
    level: "info",
    msg: "request",
    fields: {
      method: "GET",
      route: "/admin/things/:id",
      status: 200,
      durationMs: 5,
      requestId: "abc-123",
      admin: "admin-sub",
    },
  }]);
});

Deno.test("requestWrapper marks admin answers no-store, the /admin page included, not others", async () => {
  const { app } = wrappedApp();
  for (
    const [path, cacheControl] of [
      ["/admin/things/1", "no-store"],
      ["/admin", "no-store"],
      ["/admin/unknown", "no-store"],
      ["/healthz", null],
      ["/administrator", null],
    ] as const
  ) {
    const res = await app.request(path);
    await res.body?.cancel();
    assertEquals(res.headers.get("cache-control"), cacheControl, path);
  }
});

Deno.test("requestWrapper leaves a CORS preflight without no-store, as before", async () => {
  const { app } = wrappedApp();
  const preflight = await app.request("/admin/things/1", {
    method: "OPTIONS",
    headers: { Origin: "https://admin.example.com", "Access-Control-Request-Method": "GET" },
  });
  const plainOptions = await app.request("/admin/things/1", { method: "OPTIONS" });
  assertEquals(preflight.headers.get("cache-control"), null);
  assertEquals(plainOptions.headers.get("cache-control"), "no-store");
  assertEquals(preflight.headers.get("x-content-type-options"), "nosniff");
});

Deno.test("requestWrapper decorates and logs a failed request's error answer", async () => {
  const { app, lines } = wrappedApp();
  const res = await app.request("/fails");
  await res.body?.cancel();
  assertEquals(res.status, 500);
  assertMatch(res.headers.get("x-request-id") ?? "", /^req_[0-9a-f]{24}$/);
  assertEquals(res.headers.get("x-frame-options"), "SAMEORIGIN");
  assertEquals(lines.map((l) => [l.level, l.fields.status, l.fields.admin]), [[
    "error",
    500,
    null,
  ]]);
});

Deno.test("requestWrapper names the runtime's request span after the route and adds the request id", async () => {
  const { app, tracer } = wrappedApp();
  // Stands in for Deno.serve, which runs the handler inside its own server span.
  const serve = (path: string) => tracer.inSpan("GET", {}, async () => await app.request(path));
  const found = await serve("/admin/things/7?email=a%40example.com");
  const failed = await serve("/fails");
  const missing = await serve("/nowhere/alice@example.com");
  assertEquals(
    tracer.childrenOf(null).map((span) => [span.name, span.attributes]),
    [
      ["GET /admin/things/:id", {
        "http.route": "/admin/things/:id",
        "spkey.request_id": found.headers.get("x-request-id"),
      }],
      ["GET /fails", {
        "http.route": "/fails",
        "spkey.request_id": failed.headers.get("x-request-id"),
      }],
      ["GET (unmatched)", {
        "http.route": "(unmatched)",
        "spkey.request_id": missing.headers.get("x-request-id"),
      }],
    ],
  );
});

Deno.test("requestWrapper without a request span (no tracing runtime) answers as before", async () => {
  const { app, tracer } = wrappedApp();
  const res = await app.request("/healthz");
  assertEquals([res.status, tracer.spans.length], [200, 0]);
});
