/**
 * The plain-language findings list shown at the top of a report (from `explain()` of
 * `@spkey/contracts`), most severe first.
 *
 * @module
 */
import { badge, type Tone } from "./badge.ts";
import { html, type SafeHtml } from "./html.ts";

/** One verdict as `explain()` returns it. */
export interface FindingView {
  severity: "ok" | "info" | "warning" | "error";
  code: string;
  message: string;
}

const SEVERITY: Record<FindingView["severity"], { tone: Tone; label: string }> = {
  error: { tone: "bad", label: "Error" },
  warning: { tone: "warn", label: "Warning" },
  info: { tone: "info", label: "Info" },
  ok: { tone: "ok", label: "OK" },
};

/**
 * Maps a finding's severity to a badge tone and label; unknown severities from a newer contracts
 * version read as info rather than breaking the list.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { severityBadge } from "./findings_view.ts";
 * assertEquals(severityBadge("warning").tone, "warn");
 * ```
 */
export function severityBadge(severity: string): { tone: Tone; label: string } {
  return SEVERITY[severity as FindingView["severity"]] ?? SEVERITY.info;
}

/**
 * Renders the findings as a headed list; each item carries a severity badge, the message and the
 * finding code (for support tickets).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderFindings } from "./findings_view.ts";
 * const out = renderFindings([{ severity: "ok", code: "ALL_GOOD", message: "All good." }]).value;
 * assertStringIncludes(out, 'data-code="ALL_GOOD"');
 * ```
 */
export function renderFindings(findings: readonly FindingView[]): SafeHtml {
  const items = findings.map((f) => {
    const { tone, label } = severityBadge(f.severity);
    return html`<li class="finding ${tone}" part="finding" data-code="${f.code}" data-severity="${f.severity}">
      ${badge(tone, label)}
      <span class="msg">${f.message}</span>
      <code class="code">${f.code}</code>
    </li>`;
  });
  return html`<section class="findings" part="findings" aria-labelledby="findings-h">
    <h3 id="findings-h">Findings</h3>
    ${items.length ? html`<ul role="list">${items}</ul>` : html`<p class="muted">No findings.</p>`}
  </section>`;
}
