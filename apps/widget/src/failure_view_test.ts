import { assertEquals, assertStringIncludes } from "@std/assert";
import type { AdminFailure } from "@spkey/contracts/admin-client";
import { describeFailure, renderFailure } from "./failure_view.ts";

const failure = (status: number, over: Partial<AdminFailure> = {}): AdminFailure => ({
  status,
  envelope: null,
  message: "Server message.",
  retryAfterSeconds: null,
  requestId: null,
  ...over,
});

Deno.test("describeFailure gives each report status its own kind", () => {
  const table: [number, string, string][] = [
    [0, "network", "Cannot reach the diagnostics API"],
    [400, "bad-request", "That user ID is not valid"],
    [401, "unauthorized", "Not signed in"],
    [403, "forbidden", "Not an admin"],
    [404, "not-found", "Not found"],
    [429, "rate-limited", "Too many attempts"],
    [500, "server-error", "Server error"],
    [502, "upstream", "Upstream service failed"],
    [503, "unavailable", "Service unavailable"],
    [504, "timeout", "Upstream timed out"],
    [200, "invalid-response", "Unexpected answer"],
    [418, "error", "Request failed"],
  ];
  for (const [status, kind, title] of table) {
    const d = describeFailure(failure(status), "report");
    assertEquals([d.kind, d.title], [kind, title], String(status));
  }
});

Deno.test("describeFailure explains Turnkey's 404, 502, 503 and 504 in Turnkey terms", () => {
  const table: [number, string, string][] = [
    [404, "not-found", "No such Turnkey user"],
    [502, "upstream", "Turnkey request failed"],
    [503, "unavailable", "Turnkey is not configured"],
    [504, "timeout", "Turnkey did not answer in time"],
  ];
  for (const [status, kind, title] of table) {
    const d = describeFailure(failure(status), "turnkey");
    assertEquals([d.kind, d.title], [kind, title], String(status));
  }
});

Deno.test("a 429 says when to try again from Retry-After", () => {
  assertEquals(
    describeFailure(failure(429, { retryAfterSeconds: 42 }), "report").advice,
    "Try again in 42 seconds.",
  );
  assertEquals(describeFailure(failure(429), "report").advice, "Wait a moment, then refresh.");
});

Deno.test("renderFailure shows status, reason, title, message and request id", () => {
  const out = renderFailure(
    failure(401, {
      envelope: {
        error: "Unauthorized",
        message: "Authentication required.",
        code: 401,
        requestId: "req_42",
      },
      message: "Authentication required.",
      requestId: "req_42",
    }),
    "report",
  ).value;
  assertStringIncludes(out, `data-kind="unauthorized"`);
  assertStringIncludes(out, `data-status="401"`);
  assertStringIncludes(out, "401 Unauthorized</span>");
  assertStringIncludes(out, "<span>Not signed in</span>");
  assertStringIncludes(out, "Authentication required.");
  assertStringIncludes(out, "Request ID: <code data-request-id>req_42</code>");
});

Deno.test("renderFailure labels network failures and omits an absent request id", () => {
  const out = renderFailure(failure(0, { message: "Failed to fetch" }), "report").value;
  assertStringIncludes(out, "Network error</span>");
  assertEquals(out.includes("Request ID"), false);
});

Deno.test("renderFailure escapes the server's message and request id", () => {
  const out =
    renderFailure(failure(400, { message: "<img src=x>", requestId: "<b>" }), "report").value;
  assertEquals(out.includes("<img"), false);
  assertEquals(out.includes("<b>"), false);
});
