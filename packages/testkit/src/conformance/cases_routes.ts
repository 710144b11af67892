/**
 * Conformance cases for every route's success answers, the demo reports and the headers.
 *
 * @module
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { ThreedeyeDiagnosticsSchema, ThreedeyeUserSearchSchema } from "@spkey/contracts";
import type { ConformanceCase } from "./case.ts";
import {
  DEMO_IDS,
  type DemoState,
  EXPECTED_REPORTS,
  EXPECTED_SEARCHES,
  expectedWithoutThreedeye,
} from "./demo_expectations.ts";
import { assertEnvelope, assertJson, MESSAGES } from "./expect.ts";
import { adminHeaders, send } from "./target.ts";

const HEALTHY_PATH = `/admin/threedeye/users/${DEMO_IDS.healthy}`;
const FETCHED_AT = "x-remote-fetched-at";
const searchPath = (email: string) => `/admin/threedeye/users?email=${encodeURIComponent(email)}`;

const demoCases: ConformanceCase[] = (Object.keys(DEMO_IDS) as DemoState[]).map((state) => ({
  name: `GET /admin/threedeye/users/:id answers the exact ${state} demo report`,
  async run(target) {
    const answer = await send(target, `/admin/threedeye/users/${DEMO_IDS[state]}`, {
      headers: await adminHeaders(target),
    });
    const body = assertJson(answer);
    const expected = target.threedeye === "demo"
      ? EXPECTED_REPORTS[state]
      : expectedWithoutThreedeye(state);
    assertEquals(body, expected);
    ThreedeyeDiagnosticsSchema.parse(body);
  },
}));

const searchCases: ConformanceCase[] = Object.entries(EXPECTED_SEARCHES).map((
  [email, expected],
) => ({
  name:
    `GET /admin/threedeye/users?email=${email} answers the exact ${expected.candidates.length}-candidate search`,
  async run(target) {
    const answer = await send(target, searchPath(email), { headers: await adminHeaders(target) });
    const body = assertJson(answer);
    assertEquals(body, expected);
    ThreedeyeUserSearchSchema.parse(body);
    assertEquals(answer.headers.get("cache-control"), "no-store");
  },
}));

/** Route, demo and header cases. */
export const routeCases: ConformanceCase[] = [
  ...demoCases,
  ...searchCases,
  {
    name: "GET /admin/threedeye/users?email= trims the address and accepts the X-API-Key alias",
    async run(target) {
      const { "X-Admin-API-Key": key, Authorization } = await adminHeaders(target);
      const answer = await send(target, searchPath("  grace@example.com "), {
        headers: { "X-API-Key": key, Authorization },
      });
      const body = assertJson(answer) as { email: string; candidates: { userId: string }[] };
      assertEquals(body.email, "grace@example.com");
      assertEquals(body.candidates.map((c) => c.userId), [DEMO_IDS.withRecovery]);
    },
  },
  {
    name: "every candidate of a search opens its report by userId",
    async run(target) {
      const headers = await adminHeaders(target);
      const found = ThreedeyeUserSearchSchema.parse(
        assertJson(await send(target, searchPath("alice@example.com"), { headers })),
      );
      assertEquals(found.candidates.length, 2);
      for (const candidate of found.candidates) {
        const report = ThreedeyeDiagnosticsSchema.parse(
          assertJson(await send(target, `/admin/threedeye/users/${candidate.userId}`, { headers })),
        );
        assertEquals(report.user, { found: true, email: candidate.email });
        assertEquals(report.mapping.found, candidate.hasThreedeyeMapping);
      }
    },
  },
  {
    name: "HEAD /admin/threedeye/users?email= answers 200 without a body",
    async run(target) {
      const answer = await send(target, searchPath("alice@example.com"), {
        method: "HEAD",
        headers: await adminHeaders(target),
      });
      assertEquals([answer.status, answer.text], [200, ""]);
    },
  },
  {
    name:
      "GET /admin/threedeye/users/:id says in X-Remote-Fetched-At when its 3dEye listing was fetched: Cache-Control: no-cache gets a fresh one, a plain lookup the kept one",
    async run(target) {
      const headers = await adminHeaders(target);
      const fresh = { ...headers, "Cache-Control": "no-cache" };
      if (target.threedeye === "unconfigured") {
        const answer = await send(target, HEALTHY_PATH, { headers: fresh });
        assertEquals([answer.status, answer.headers.get(FETCHED_AT)], [200, null]);
        return;
      }
      const before = Date.now();
      const first = await send(target, HEALTHY_PATH, { headers: fresh });
      assertEquals(assertJson(first), EXPECTED_REPORTS.healthy, "the body keeps its exact shape");
      const fetchedAt = first.headers.get(FETCHED_AT) ?? "";
      assertMatch(fetchedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Started for this request (a second of slack: a Worker's clock moves only on I/O).
      const started = Date.parse(fetchedAt);
      assert(started >= before - 1000 && started <= Date.now() + 1000, fetchedAt);

      // The server keeps the listing (default THREEDEYE_LISTING_TTL_SECONDS: 60 s).
      const kept = await send(target, HEALTHY_PATH, { headers });
      assertEquals(assertJson(kept), EXPECTED_REPORTS.healthy);
      assertEquals(kept.headers.get(FETCHED_AT), fetchedAt, "within the TTL, the kept listing");

      await new Promise((resolve) => setTimeout(resolve, 10));
      const again = await send(target, HEALTHY_PATH, { headers: fresh });
      assertEquals(assertJson(again), EXPECTED_REPORTS.healthy);
      assert(Date.parse(again.headers.get(FETCHED_AT) ?? "") > started, "no-cache: a new listing");
    },
  },
  {
    name: "GET /admin/threedeye/users/:id accepts an uppercase id and answers it lowercased",
    async run(target) {
      const answer = await send(
        target,
        `/admin/threedeye/users/${DEMO_IDS.withRecovery.toUpperCase()}`,
        {
          headers: await adminHeaders(target),
        },
      );
      assertEquals((assertJson(answer) as { userId: string }).userId, DEMO_IDS.withRecovery);
    },
  },
  {
    name: "GET /admin/threedeye/users/:id accepts the X-API-Key alias",
    async run(target) {
      const { "X-Admin-API-Key": key, Authorization } = await adminHeaders(target);
      const answer = await send(target, HEALTHY_PATH, {
        headers: { "X-API-Key": key, Authorization },
      });
      assertEquals(answer.status, 200);
    },
  },
  {
    name: "HEAD /admin/threedeye/users/:id answers 200 without a body",
    async run(target) {
      const answer = await send(target, HEALTHY_PATH, {
        method: "HEAD",
        headers: await adminHeaders(target),
      });
      assertEquals(answer.status, 200);
      assertEquals(answer.text, "");
    },
  },
  {
    name:
      "GET /admin/turnkey/users/:id answers the user, 404 for an unknown one, or 503 unconfigured",
    async run(target) {
      const headers = await adminHeaders(target);
      if (target.turnkey === "unconfigured") {
        const answer = await send(target, "/admin/turnkey/users/any-user", { headers });
        assertEnvelope(answer, 503, MESSAGES.turnkeyNotConfigured);
        return;
      }
      const { userId, organizationId } = target.turnkey;
      const found = assertJson(await send(target, `/admin/turnkey/users/${userId}`, { headers }));
      assertEquals((found as { user: { userId: string } }).user.userId, userId);
      const explicit = await send(
        target,
        `/admin/turnkey/users/${userId}?organizationId=${organizationId}`,
        {
          headers,
        },
      );
      assertEquals(explicit.status, 200);
      const missing = await send(
        target,
        "/admin/turnkey/users/00000000-0000-4000-8000-00000000dead",
        {
          headers,
        },
      );
      assertEnvelope(missing, 404, MESSAGES.turnkeyNoSuchUser);
    },
  },
  {
    name: "GET /healthz answers ok",
    async run(target) {
      assertEquals(assertJson(await send(target, "/healthz")), { status: "ok" });
    },
  },
  {
    name: "GET /readyz answers ok with the database reachable",
    async run(target) {
      assertEquals(assertJson(await send(target, "/readyz")), { status: "ok" });
    },
  },
  {
    name: "GET /openapi.json is OpenAPI 3.1 with the security schemes and documented errors",
    async run(target) {
      const doc = assertJson(await send(target, "/openapi.json")) as {
        openapi: string;
        components: {
          securitySchemes: Record<string, { type: string; name?: string; scheme?: string }>;
        };
        paths: Record<string, { get: { security: unknown; responses: Record<string, unknown> } }>;
      };
      assertEquals(doc.openapi, "3.1.0");
      const schemes = Object.values(doc.components.securitySchemes);
      assert(schemes.some((s) => s.type === "apiKey" && s.name === "X-Admin-API-Key"));
      assert(schemes.some((s) => s.type === "apiKey" && s.name === "X-API-Key"));
      assert(schemes.some((s) => s.type === "http" && s.scheme === "bearer"));
      const diagnostics = doc.paths["/admin/threedeye/users/{userId}"].get as {
        security: unknown;
        responses: Record<string, { headers?: Record<string, unknown> }>;
      };
      assert(diagnostics.responses["200"].headers?.["X-Remote-Fetched-At"], "freshness header");
      assertEquals(Object.keys(diagnostics.responses).sort(), [
        "200",
        "400",
        "401",
        "403",
        "429",
        "500",
        "503",
      ]);
      assert(doc.paths["/admin/turnkey/users/{userId}"].get.responses["504"]);
      const search = doc.paths["/admin/threedeye/users"].get as typeof diagnostics & {
        parameters: Array<{ name: string; in: string; required: boolean }>;
      };
      assertEquals(search.security, diagnostics.security);
      assertEquals(Object.keys(search.responses).sort(), Object.keys(diagnostics.responses).sort());
      assertEquals(
        search.parameters.map(({ name, in: where, required }) => [name, where, required]),
        [["email", "query", true]],
      );
    },
  },
  {
    name: "GET /docs renders the API offline",
    async run(target) {
      const answer = await send(target, "/docs");
      assertEquals(answer.status, 200);
      assertMatch(answer.headers.get("content-type") ?? "", /^text\/html/);
      assertStringIncludes(answer.text, "/admin/threedeye/users/{userId}");
      assertStringIncludes(answer.text, "<code>/admin/threedeye/users</code>");
      assert(!/<script/i.test(answer.text) && !/(src|href)="https?:/i.test(answer.text));
    },
  },
  {
    name: "GET /favicon.ico answers 204 No Content (no 404 on every page load)",
    async run(target) {
      const answer = await send(target, "/favicon.ico");
      assertEquals(answer.status, 204);
      assertEquals(answer.text, "");
    },
  },
  {
    name: "GET /admin serves the demo page embedding /widget.js, without credentials",
    async run(target) {
      const answer = await send(target, "/admin");
      assertEquals(answer.status, 200);
      assertMatch(answer.headers.get("content-type") ?? "", /^text\/html/);
      assertStringIncludes(answer.text, 'src="/widget.js"');
      assertStringIncludes(answer.text, "<spkey-threedeye-diagnostics");
      assertEquals(answer.headers.get("cache-control"), "no-store");
    },
  },
  {
    name: "GET /widget.js serves JavaScript, or a 404 envelope when absent",
    async run(target) {
      const answer = await send(target, "/widget.js");
      if (target.widget === "absent") {
        assertEnvelope(answer, 404, MESSAGES.widgetAbsent);
        return;
      }
      assertEquals(answer.status, 200);
      assertMatch(answer.headers.get("content-type") ?? "", /^text\/javascript/);
      assert(answer.text.length > 0);
    },
  },
  {
    name: "every response carries X-Request-Id: a valid incoming one is echoed, others replaced",
    async run(target) {
      const echoed = await send(target, "/healthz", {
        headers: { "X-Request-Id": "conf-req.1_A" },
      });
      assertEquals(echoed.headers.get("x-request-id"), "conf-req.1_A");
      const replaced = await send(target, "/healthz", { headers: { "X-Request-Id": "bad id;<>" } });
      assertMatch(replaced.headers.get("x-request-id") ?? "", /^req_[0-9a-f]+$/);
      const error = await send(target, "/no/such/route");
      assertMatch(error.headers.get("x-request-id") ?? "", /^req_/);
    },
  },
  {
    name: "admin answers are Cache-Control: no-store, errors included",
    async run(target) {
      const ok = await send(target, HEALTHY_PATH, { headers: await adminHeaders(target) });
      const denied = await send(target, HEALTHY_PATH);
      assertEquals(ok.headers.get("cache-control"), "no-store");
      assertEquals(denied.headers.get("cache-control"), "no-store");
    },
  },
  {
    name: "secure headers are set",
    async run(target) {
      const answer = await send(target, "/healthz");
      assertEquals(answer.headers.get("x-content-type-options"), "nosniff");
      assertEquals(answer.headers.get("x-frame-options"), "SAMEORIGIN");
      assertEquals(answer.headers.get("cross-origin-resource-policy"), "same-origin");
      // Document-only headers are for the HTML pages, not the JSON API.
      assertEquals(answer.headers.get("referrer-policy"), null);
      const page = await send(target, "/admin");
      assertEquals(page.headers.get("referrer-policy"), "no-referrer");
      assertEquals(page.headers.get("cross-origin-opener-policy"), "same-origin");
      assertEquals(page.headers.get("x-frame-options"), "SAMEORIGIN");
    },
  },
  {
    name:
      "CORS: the allowed origin's preflight (Cache-Control included) and request are allowed, exposing X-Request-Id and X-Remote-Fetched-At",
    async run(target) {
      const preflight = await send(target, HEALTHY_PATH, {
        method: "OPTIONS",
        headers: {
          Origin: target.allowedOrigin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization,x-admin-api-key,cache-control",
        },
      });
      assertEquals(preflight.status, 204);
      assertEquals(preflight.headers.get("access-control-allow-origin"), target.allowedOrigin);
      const allowHeaders = (preflight.headers.get("access-control-allow-headers") ?? "")
        .toLowerCase();
      assertStringIncludes(allowHeaders, "authorization");
      assertStringIncludes(allowHeaders, "x-admin-api-key");
      assertStringIncludes(allowHeaders, "cache-control");
      const request = await send(target, HEALTHY_PATH, {
        headers: { ...(await adminHeaders(target)), Origin: target.allowedOrigin },
      });
      assertEquals(request.status, 200);
      assertEquals(request.headers.get("access-control-allow-origin"), target.allowedOrigin);
      const exposed = request.headers.get("access-control-expose-headers") ?? "";
      assertStringIncludes(exposed, "X-Request-Id");
      assertStringIncludes(exposed, "X-Remote-Fetched-At");
    },
  },
  {
    name: "CORS: another origin gets no Access-Control-Allow-Origin",
    async run(target) {
      const preflight = await send(target, HEALTHY_PATH, {
        method: "OPTIONS",
        headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
      });
      assertEquals(preflight.headers.get("access-control-allow-origin"), null);
      const request = await send(target, HEALTHY_PATH, {
        headers: { ...(await adminHeaders(target)), Origin: "https://evil.example" },
      });
      assertEquals(request.headers.get("access-control-allow-origin"), null);
    },
  },
];
