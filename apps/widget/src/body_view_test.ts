import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { explain, type ThreedeyeUserSearch } from "@spkey/contracts";
import { HOSTILE_EMAIL, REPORTS, SEARCHES } from "./_fixtures.ts";
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
  foundBy: ThreedeyeUserSearch | null = null,
): WidgetState => ({
  kind: "report",
  report: REPORTS[name],
  findings: explain(REPORTS[name]),
  requestId: "req_7",
  turnkey,
  foundBy,
});

const failureState = (status: number): WidgetState => ({
  kind: "failure",
  failure: { status, envelope: null, message: "m", retryAfterSeconds: null, requestId: null },
  form: null,
});

Deno.test("each state has a distinct data-state name", () => {
  const table: [WidgetState, string][] = [
    [{ kind: "form", needs: { needSubject: true, needCredentials: true }, problem: null }, "form"],
    [{ kind: "loading", subject: { kind: "user", userId: "u" } }, "loading"],
    [{ kind: "loading", subject: null }, "loading"],
    [{ kind: "loading", subject: { kind: "email", email: "a@x.test" } }, "searching"],
    [{ kind: "search", answer: SEARCHES.none }, "no-match"],
    [{ kind: "search", answer: SEARCHES.two }, "matches"],
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
    foundBy: null,
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
    form: { needSubject: false, needCredentials: true },
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
      needs: { needSubject: false, needCredentials: true },
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

Deno.test("searching, the list and the empty state are announced, and a lone match says it opened", () => {
  assertEquals(
    announcement({ kind: "loading", subject: { kind: "email", email: "a@x.test" } }),
    "Searching users by email…",
  );
  assertEquals(announcement({ kind: "search", answer: SEARCHES.none }), "No user with this email.");
  assertEquals(
    announcement({ kind: "search", answer: SEARCHES.two }),
    "2 users found. Pick one to open its report.",
  );
  assertEquals(
    announcement(reportState("noMapping", null, SEARCHES.one)),
    "1 user found: opened. Diagnostics loaded: 2 findings need attention.",
  );
  // Picked from a list: the pick was the user's own doing, nothing to explain.
  assertEquals(
    announcement(reportState("healthy", null, SEARCHES.two)),
    "Diagnostics loaded: no problems found.",
  );
});

Deno.test("a report opened from a search says how it was found, before the findings", () => {
  const one = renderBody(reportState("noMapping", null, SEARCHES.one), 0).value;
  assertStringIncludes(one, `data-found="1"`);
  assert(one.indexOf(`data-found="1"`) < one.indexOf(`class="findings"`));
  assertEquals(one.includes(`data-action="back"`), false);
  const picked = renderBody(reportState("healthy", null, SEARCHES.two), 0).value;
  assertStringIncludes(picked, `data-action="back"`);
  assertEquals(renderBody(reportState("healthy"), 0).value.includes("data-found"), false);
});

Deno.test("after an empty search answer focus goes back to the search field", () => {
  const focusTargets = (state: WidgetState) =>
    (renderBody(state, 0, "x@y.test").value.match(/<[a-z0-9]+ [^>]*data-focus/g) ?? [])
      .map((tag) => tag.split(" ").slice(0, 2).join(" "));
  assertEquals(focusTargets({ kind: "search", answer: SEARCHES.none }), [`<input id="lookup"`]);
  assertEquals(focusTargets({ kind: "search", answer: SEARCHES.two }), [`<h3 id="search-h"`]);
  assertEquals(focusTargets(reportState("healthy")), []);
});

Deno.test("the searching state names the address, the loading state the user id", () => {
  const searching = renderBody({
    kind: "loading",
    subject: { kind: "email", email: HOSTILE_EMAIL },
  }, 0).value;
  assertStringIncludes(searching, "Searching for users with the email <strong>&lt;img");
  assertEquals(searching.includes("<img"), false);
  assertStringIncludes(
    renderBody({ kind: "loading", subject: { kind: "user", userId: "u-1" } }, 0).value,
    "Loading diagnostics for <code>u-1</code>",
  );
});

Deno.test("a lookup subject adds the search form to reports, search answers and plain failures only", () => {
  const withLookup = (state: WidgetState) =>
    renderBody(state, 0, "u-1").value.includes(`class="lookup"`);
  assertEquals(withLookup(reportState("healthy")), true);
  assertEquals(withLookup(failureState(429)), true);
  assertEquals(withLookup({ kind: "search", answer: SEARCHES.two }), true);
  assertEquals(withLookup({ kind: "loading", subject: { kind: "user", userId: "u-1" } }), false);
  assertEquals(
    withLookup({
      kind: "form",
      needs: { needSubject: true, needCredentials: true },
      problem: null,
    }),
    false,
  );
  assertEquals(renderBody(reportState("healthy"), 0).value.includes(`class="lookup"`), false);
});
