/**
 * The widget body for each state it can be in: credentials form, loading or searching, report
 * (with the unknown-user notice and how a search found it), the answer of a search by email (a
 * list to pick from, or the empty state), or a failed request. Pure: state in, markup out.
 *
 * @module
 */
import type { ThreedeyeDiagnostics, ThreedeyeUserSearch } from "@spkey/contracts";
import type { AdminFailure } from "@spkey/contracts/admin-client";
import { badge } from "./badge.ts";
import { describeFailure, renderFailure } from "./failure_view.ts";
import { type FindingView, renderFindings } from "./findings_view.ts";
import { type FormNeeds, renderCredentialsForm, renderLookupForm } from "./form_view.ts";
import { html, type SafeHtml } from "./html.ts";
import type { LookupSubject } from "./lookup.ts";
import { renderReportCards } from "./report_view.ts";
import { renderFoundBy, renderSearchAnswer, searchAnnouncement } from "./search_view.ts";
import { renderTurnkeyPanel, type TurnkeyPanelState } from "./turnkey_view.ts";

/** Everything the widget body can show. */
export type WidgetState =
  | {
    kind: "form";
    needs: FormNeeds;
    problem: string | null;
    /** What the search field starts with (e.g. the address the server refused). */
    lookup?: string;
  }
  /** `subject` is null while the host page's credentials callback is still answering. */
  | { kind: "loading"; subject: LookupSubject | null }
  | {
    kind: "report";
    report: ThreedeyeDiagnostics;
    findings: FindingView[];
    requestId: string | null;
    turnkey: TurnkeyPanelState | null;
    /** The search by email this report was opened from, if any. */
    foundBy: ThreedeyeUserSearch | null;
  }
  | { kind: "search"; answer: ThreedeyeUserSearch }
  | { kind: "failure"; failure: AdminFailure; form: FormNeeds | null };

/**
 * Whether a report is about a user nobody knows: no user row and no mapping.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isUnknownUser } from "./body_view.ts";
 * assert(isUnknownUser({ user: { found: false }, mapping: { found: false } }));
 * ```
 */
export function isUnknownUser(
  report: { user: { found: boolean }; mapping: { found: boolean } },
): boolean {
  return !report.user.found && !report.mapping.found;
}

/**
 * The state name put on the body's `data-state` (stable for hosts and tests): `form`, `loading`,
 * `searching`, `report`, `unknown-user`, `matches`, `no-match`, or the failure kind
 * (`unauthorized`, `network`, ...).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stateName } from "./body_view.ts";
 * const answer = { email: "nobody@example.com", candidates: [], limit: 20, truncated: false };
 * assertEquals(stateName({ kind: "search", answer }), "no-match");
 * ```
 */
export function stateName(state: WidgetState): string {
  switch (state.kind) {
    case "loading":
      return state.subject?.kind === "email" ? "searching" : "loading";
    case "report":
      return isUnknownUser(state.report) ? "unknown-user" : "report";
    case "search":
      return state.answer.candidates.length === 0 ? "no-match" : "matches";
    case "failure":
      return describeFailure(state.failure, "report").kind;
    default:
      return state.kind;
  }
}

/**
 * What the live region says about a state, for screen-reader users: one sentence, plus one for
 * the Turnkey panel once it has loaded or failed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { announcement } from "./body_view.ts";
 * assertEquals(
 *   announcement({ kind: "loading", subject: { kind: "user", userId: "u" } }),
 *   "Loading diagnostics…",
 * );
 * ```
 */
export function announcement(state: WidgetState): string {
  const turnkey = state.kind === "report" ? state.turnkey : null;
  if (turnkey === null || turnkey.kind === "loading") return stateAnnouncement(state);
  const outcome = turnkey.kind === "loaded"
    ? "Turnkey user loaded."
    : `Turnkey: ${describeFailure(turnkey.failure, "turnkey").title}.`;
  return `${stateAnnouncement(state)} ${outcome}`;
}

function stateAnnouncement(state: WidgetState): string {
  switch (state.kind) {
    case "form":
      return state.problem ?? "Enter the missing details to load diagnostics.";
    case "loading":
      return state.subject?.kind === "email" ? "Searching users by email…" : "Loading diagnostics…";
    case "search":
      return searchAnnouncement(state.answer);
    case "failure": {
      const d = describeFailure(state.failure, "report");
      return `${d.title}. ${d.advice}`;
    }
    case "report": {
      // A search's one match opens by itself: say so, or the user wonders where the list went.
      const found = state.foundBy?.candidates.length === 1 && !state.foundBy.truncated
        ? "1 user found: opened. "
        : "";
      return found + reportAnnouncement(state);
    }
  }
}

function reportAnnouncement(state: Extract<WidgetState, { kind: "report" }>): string {
  if (isUnknownUser(state.report)) return "Diagnostics loaded: unknown user.";
  const problems = state.findings.filter((f) => f.severity === "error" || f.severity === "warning");
  if (problems.length === 0) return "Diagnostics loaded: no problems found.";
  return problems.length === 1
    ? "Diagnostics loaded: 1 finding needs attention."
    : `Diagnostics loaded: ${problems.length} findings need attention.`;
}

function renderReport(state: Extract<WidgetState, { kind: "report" }>, now: number): SafeHtml {
  const { report } = state;
  const notice = isUnknownUser(report)
    ? html`<p class="notice" part="notice" data-notice="unknown-user">${
      badge("warn", "Unknown user")
    }
      <span>No user with ID <code>${report.userId}</code> exists in the database, and it has no
      3dEye mapping. Check the ID.</span></p>`
    : null;
  return html`${state.foundBy ? renderFoundBy(state.foundBy) : null}${notice}${
    renderFindings(state.findings)
  }${renderReportCards(report)}
    ${
    state.turnkey
      ? html`<div data-slot="turnkey">${renderTurnkeyPanel(state.turnkey, now)}</div>`
      : null
  }
    <section class="raw" part="raw" aria-labelledby="raw-h">
      <div class="raw-bar">
        <h3 id="raw-h">Raw JSON</h3>
        <button type="button" class="btn" part="button copy-button" data-action="copy">Copy JSON</button>
      </div>
      <details><summary>Show the report as JSON</summary>
        <pre tabindex="0" aria-label="Report JSON"><code>${
    JSON.stringify(report, null, 2)
  }</code></pre>
      </details>
      ${
    state.requestId
      ? html`<p class="rid muted">Request ID: <code>${state.requestId}</code></p>`
      : null
  }
    </section>`;
}

/**
 * Renders the body for a state; `now` (epoch ms) decides which Turnkey API keys count as expired.
 * With `lookup` (the subject came from the search field, not from the `user-id` attribute), a
 * report, a search answer or a failure also offers the search field, filled with `lookup`. The
 * element a state wants focused after a re-render carries `data-focus`.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderBody } from "./body_view.ts";
 * const loading = { kind: "loading", subject: { kind: "user", userId: "u-1" } } as const;
 * assertStringIncludes(renderBody(loading, 0).value, 'data-state="loading"');
 * ```
 */
export function renderBody(
  state: WidgetState,
  now: number,
  lookup: string | null = null,
): SafeHtml {
  const inner = state.kind === "form"
    ? renderCredentialsForm(state.needs, state.problem, state.lookup)
    : state.kind === "loading"
    ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span><span>${
      state.subject === null
        ? "Loading diagnostics…"
        : state.subject.kind === "email"
        ? html`Searching for users with the email <strong>${state.subject.email}</strong>…`
        : html`Loading diagnostics for <code>${state.subject.userId}</code>…`
    }</span></p>`
    : state.kind === "search"
    ? renderSearchAnswer(state.answer)
    : state.kind === "failure"
    ? html`${renderFailure(state.failure, "report")}${
      state.form ? renderCredentialsForm(state.form) : null
    }`
    : renderReport(state, now);
  const withLookup = lookup !== null &&
    (state.kind === "report" || state.kind === "search" ||
      state.kind === "failure" && state.form === null);
  return html`<div class="state" data-state="${stateName(state)}">${
    // An empty search answer has nothing to operate: back to the field, to fix the address.
    withLookup
      ? renderLookupForm(lookup, state.kind === "search" && state.answer.candidates.length === 0)
      : null}${inner}</div>`;
}
