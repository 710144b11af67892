/**
 * The widget body for each state it can be in: credentials form, loading, report (with the
 * unknown-user notice), or a failed request. Pure: state in, markup out.
 *
 * @module
 */
import type { ThreedeyeDiagnostics } from "@spkey/contracts";
import type { ApiFailure } from "./api.ts";
import { badge } from "./badge.ts";
import { describeFailure, renderFailure } from "./failure_view.ts";
import { type FindingView, renderFindings } from "./findings_view.ts";
import { type FormNeeds, renderCredentialsForm, renderLookupForm } from "./form_view.ts";
import { html, type SafeHtml } from "./html.ts";
import { renderReportCards } from "./report_view.ts";
import { renderTurnkeyPanel, type TurnkeyPanelState } from "./turnkey_view.ts";

/** Everything the widget body can show. */
export type WidgetState =
  | { kind: "form"; needs: FormNeeds; problem: string | null }
  | { kind: "loading"; userId: string }
  | {
    kind: "report";
    report: ThreedeyeDiagnostics;
    findings: FindingView[];
    requestId: string | null;
    turnkey: TurnkeyPanelState | null;
  }
  | { kind: "failure"; failure: ApiFailure; form: FormNeeds | null };

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
 * `report`, `unknown-user`, or the failure kind (`unauthorized`, `network`, ...).
 */
export function stateName(state: WidgetState): string {
  switch (state.kind) {
    case "report":
      return isUnknownUser(state.report) ? "unknown-user" : "report";
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
 * assertEquals(announcement({ kind: "loading", userId: "u" }), "Loading diagnostics…");
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
      return "Loading diagnostics…";
    case "failure": {
      const d = describeFailure(state.failure, "report");
      return `${d.title}. ${d.advice}`;
    }
    case "report": {
      if (isUnknownUser(state.report)) return "Diagnostics loaded: unknown user.";
      const problems = state.findings.filter((f) =>
        f.severity === "error" || f.severity === "warning"
      );
      if (problems.length === 0) return "Diagnostics loaded: no problems found.";
      return problems.length === 1
        ? "Diagnostics loaded: 1 finding needs attention."
        : `Diagnostics loaded: ${problems.length} findings need attention.`;
    }
  }
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
  return html`${notice}${renderFindings(state.findings)}${renderReportCards(report)}
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
 * With `lookupUserId` (the user id came from the form), a report or failure also offers a form to
 * look up another user.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderBody } from "./body_view.ts";
 * assertStringIncludes(renderBody({ kind: "loading", userId: "u-1" }, 0).value, 'data-state="loading"');
 * ```
 */
export function renderBody(
  state: WidgetState,
  now: number,
  lookupUserId: string | null = null,
): SafeHtml {
  const inner = state.kind === "form"
    ? renderCredentialsForm(state.needs, state.problem)
    : state.kind === "loading"
    ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span><span>Loading
      diagnostics for <code>${state.userId}</code>…</span></p>`
    : state.kind === "failure"
    ? html`${renderFailure(state.failure, "report")}${
      state.form ? renderCredentialsForm(state.form) : null
    }`
    : renderReport(state, now);
  const lookup = lookupUserId !== null &&
      (state.kind === "report" || state.kind === "failure" && state.form === null)
    ? renderLookupForm(lookupUserId)
    : null;
  return html`<div class="state" data-state="${stateName(state)}">${lookup}${inner}</div>`;
}
