import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { explain } from "@spkey/contracts";
import { HOSTILE_EMAIL, REPORTS } from "./_fixtures.ts";
import {
  announcement,
  isUnknownUser,
  renderBody,
  stateName,
  type WidgetState,
} from "./body_view.ts";
import type { TurnkeyPanelState } from "./turnkey_view.ts";

const reportState = (
  name: string,
  turnkey: TurnkeyPanelState | null = null,
): WidgetState => ({
  kind: "report",
  report: REPORTS[name],
  findings: explain(REPORTS[name]),
  requestId: "req_7",
  turnkey,
});

const failureState = (status: number): WidgetState => ({
  kind: "failure",
  failure: { status, envelope: null, message: "m", retryAfterSeconds: null, requestId: null },
  form: null,
});

Deno.test("each state has a distinct data-state name", () => {
  const table: [WidgetState, string][] = [
    [{ kind: "form", needs: { needUserId: true, needCredentials: true }, problem: null }, "form"],
    [{ kind: "loading", userId: "u" }, "loading"],
    [reportState("healthy"), "report"],
    [reportState("unknown"), "unknown-user"],
    [failureState(0), "network"],
    [failureState(400), "bad-request"],
    [failureState(401), "unauthorized"],
    [failureState(403), "forbidden"],
    [failureState(429), "rate-limited"],
  ];
  for (const [state, name] of table) {
    assertEquals(stateName(state), name);
    assertStringIncludes(renderBody(state, 0).value, `data-state="${name}"`);
  }
});

Deno.test("an unknown user is one with neither a user row nor a mapping", () => {
  assertEquals(isUnknownUser(REPORTS.unknown), true);
  assertEquals(isUnknownUser(REPORTS.noMapping), false);
  assertEquals(isUnknownUser({ user: { found: false }, mapping: { found: true } }), false);
});

Deno.test("the unknown-user body shows a notice and still shows the cards", () => {
  const out = renderBody(reportState("unknown"), 0).value;
  assertStringIncludes(out, `data-notice="unknown-user"`);
  assertStringIncludes(out, "<code>99999999-9999-4999-8999-999999999999</code>");
  assertStringIncludes(out, `data-card="remote"`);
});

Deno.test("the report body puts findings first, then cards, raw JSON with a copy button and request id", () => {
  const out = renderBody(reportState("healthy"), 0).value;
  const order = ['class="findings"', 'class="cards"', 'class="raw"'].map((s) => out.indexOf(s));
  assertEquals(order, [...order].sort((a, b) => a - b));
  assertStringIncludes(
    out,
    `<button type="button" class="btn" part="button copy-button" data-action="copy">Copy JSON</button>`,
  );
  assertStringIncludes(out, "&quot;threedeyeUserId&quot;: &quot;td-1001&quot;");
  assertStringIncludes(out, "Request ID: <code>req_7</code>");
  assertEquals(out.includes(`data-slot="turnkey"`), false);
});

Deno.test("the raw JSON view escapes the report", () => {
  const report = { ...REPORTS.healthy, user: { found: true, email: HOSTILE_EMAIL } };
  const out = renderBody({
    kind: "report",
    report,
    findings: explain(report),
    requestId: null,
    turnkey: null,
  }, 0).value;
  assertEquals(out.includes("<img"), false);
});

Deno.test("the report body has a Turnkey slot when the panel is on", () => {
  const out = renderBody(reportState("healthy", { kind: "loading" }), 0).value;
  assertMatch(out, /<div data-slot="turnkey">\s*<section class="turnkey"/);
});

Deno.test("a failure with a form to fix shows both", () => {
  const out = renderBody({
    kind: "failure",
    failure: {
      status: 401,
      envelope: null,
      message: "m",
      retryAfterSeconds: null,
      requestId: null,
    },
    form: { needUserId: false, needCredentials: true },
  }, 0).value;
  assertStringIncludes(out, `data-kind="unauthorized"`);
  assertStringIncludes(out, `<form class="form"`);
});

Deno.test("announcements summarise each state in one sentence", () => {
  assertEquals(announcement(reportState("healthy")), "Diagnostics loaded: no problems found.");
  assertEquals(announcement(reportState("withRecovery")), "Diagnostics loaded: no problems found.");
  assertEquals(
    announcement(reportState("noPassword")),
    "Diagnostics loaded: 1 finding needs attention.",
  );
  assertEquals(
    announcement(reportState("orphanedRemote")),
    "Diagnostics loaded: 2 findings need attention.",
  );
  assertEquals(announcement(reportState("unknown")), "Diagnostics loaded: unknown user.");
  assertEquals(
    announcement(failureState(403)),
    "Not an admin. The credentials are valid, but this account may not use admin diagnostics.",
  );
  assertEquals(
    announcement({
      kind: "form",
      needs: { needUserId: false, needCredentials: true },
      problem: "Fix it.",
    }),
    "Fix it.",
  );
});

Deno.test("announcements add the Turnkey panel's outcome once it is known", () => {
  const failure = {
    status: 404,
    envelope: null,
    message: "m",
    retryAfterSeconds: null,
    requestId: null,
  };
  assertEquals(
    announcement(reportState("healthy", { kind: "loading" })),
    "Diagnostics loaded: no problems found.",
  );
  assertEquals(
    announcement(reportState("healthy", { kind: "loaded", user: { userName: "Ada" } })),
    "Diagnostics loaded: no problems found. Turnkey user loaded.",
  );
  assertEquals(
    announcement(reportState("noPassword", { kind: "failure", failure })),
    "Diagnostics loaded: 1 finding needs attention. Turnkey: No such Turnkey user.",
  );
});

Deno.test("a lookup user id adds the lookup form to reports and plain failures only", () => {
  const withLookup = (state: WidgetState) =>
    renderBody(state, 0, "u-1").value.includes(`class="lookup"`);
  assertEquals(withLookup(reportState("healthy")), true);
  assertEquals(withLookup(failureState(429)), true);
  assertEquals(withLookup({ kind: "loading", userId: "u-1" }), false);
  assertEquals(
    withLookup({ kind: "form", needs: { needUserId: true, needCredentials: true }, problem: null }),
    false,
  );
  assertEquals(renderBody(reportState("healthy"), 0).value.includes(`class="lookup"`), false);
});
