/**
 * The four report sections (user, mapping, recovery, remote 3dEye) as cards, each with a
 * good / warning / bad badge worked out from the report.
 *
 * @module
 */
import type { ThreedeyeDiagnostics } from "@spkey/contracts";
import { badge, type Tone } from "./badge.ts";
import { html, type SafeHtml } from "./html.ts";
import { formatUtc } from "./time.ts";

/** A card's verdict: its tone and the badge text. */
export interface SectionStatus {
  tone: Tone;
  label: string;
}

/** The four sections of a report. */
export type SectionName = "user" | "mapping" | "recovery" | "remote";

/**
 * Judges each section of a report for its card badge.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { sectionStatuses } from "./report_view.ts";
 * const s = sectionStatuses({
 *   userId: "99999999-9999-4999-8999-999999999999",
 *   user: { found: false, email: null },
 *   mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
 *   recovery: { found: false, roleIds: [] },
 *   remote: { configured: false, customerId: null, customerUserCount: null, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
 * });
 * assertEquals(s.user.label, "Not found");
 * ```
 */
export function sectionStatuses(report: ThreedeyeDiagnostics): Record<SectionName, SectionStatus> {
  const { user, mapping, recovery, remote } = report;
  return {
    user: user.found ? { tone: "ok", label: "Found" } : { tone: "bad", label: "Not found" },
    mapping: !mapping.found
      ? { tone: user.found ? "bad" : "info", label: "No mapping" }
      : mapping.remoteAccountExists === false
      ? { tone: "bad", label: "Missing in 3dEye" }
      : !mapping.hasPassword
      ? { tone: "warn", label: "No password" }
      : mapping.remoteAccountExists === null
      ? { tone: "warn", label: "Not verified" }
      : { tone: "ok", label: "Linked" },
    recovery: recovery.found
      ? { tone: "info", label: "Recovery row" }
      : { tone: "ok", label: "None" },
    remote: !remote.configured
      ? { tone: "info", label: "Not configured" }
      : remote.error !== null
      ? { tone: "bad", label: "Probe failed" }
      : remote.match === true
      ? { tone: "ok", label: "Match" }
      : remote.match === false
      ? { tone: "bad", label: "Different account" }
      : remote.emailPresentInCustomer === false
      ? { tone: "warn", label: "Email not found" }
      : remote.emailPresentInCustomer === true
      ? { tone: "warn", label: "Email found, not linked" }
      : { tone: "info", label: "Reachable" },
  };
}

/** Yes / No / Unknown for a tri-state flag. */
export function yesNo(flag: boolean | null): string {
  return flag === null ? "Unknown" : flag ? "Yes" : "No";
}

const none = html`<span class="muted">None</span>`;

function value(text: string | number | null): SafeHtml {
  return text === null || text === "" ? none : html`${text}`;
}

function timeValue(iso: string | null): SafeHtml {
  const shown = iso === null ? null : formatUtc(iso);
  return shown === null ? value(iso) : html`<time datetime="${iso}">${shown}</time>`;
}

function list(items: readonly string[]): SafeHtml {
  return items.length
    ? html`<ul role="list" class="chips">${items.map((i) => html`<li>${i}</li>`)}</ul>`
    : none;
}

function card(
  name: SectionName,
  title: string,
  status: SectionStatus,
  rows: [string, SafeHtml][],
  extra: SafeHtml | null = null,
): SafeHtml {
  return html`
    <article class="card ${status.tone}" part="card card-${name}" data-card="${name}"
      data-tone="${status.tone}" aria-labelledby="card-${name}-h">
        <h3 id="card-${name}-h"><span>${title}</span> ${badge(status.tone, status.label)}</h3>
        <dl>${rows.map(([term, detail]) =>
          html`
            <div>
              <dt>${term}</dt>
              <dd>${detail}</dd>
            </div>
          `
        )}</dl>
        ${extra}
      </article>
  `;
}

/**
 * Renders the four section cards of a report in a responsive grid.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderReportCards } from "./report_view.ts";
 * const out = renderReportCards({
 *   userId: "11111111-1111-4111-8111-111111111111",
 *   user: { found: true, email: "alice@example.com" },
 *   mapping: { found: true, threedeyeUserId: "td-1001", hasPassword: true, createdAt: "2026-01-05T10:00:00.000Z", remoteAccountExists: true },
 *   recovery: { found: false, roleIds: [] },
 *   remote: { configured: true, customerId: "cust-demo-001", customerUserCount: 10, emailPresentInCustomer: true, match: true, sampleEmails: ["alice@example.com"], error: null },
 * }).value;
 * assertStringIncludes(out, "2026-01-05 10:00 UTC");
 * ```
 */
export function renderReportCards(report: ThreedeyeDiagnostics): SafeHtml {
  const status = sectionStatuses(report);
  const { user, mapping, recovery, remote } = report;
  const probeError = remote.error === null
    ? null
    : html`<p class="problem" part="probe-error"><strong>3dEye probe failed:</strong> ${remote.error}</p>`;
  return html`<div class="cards">
    ${
    card("user", "User", status.user, [
      ["User ID", html`<code>${report.userId}</code>`],
      ["In database", html`${yesNo(user.found)}`],
      ["Email", value(user.email)],
    ])
  }
    ${
    card("mapping", "3dEye mapping", status.mapping, [
      [
        "3dEye user ID",
        mapping.threedeyeUserId === null ? none : html`<code>${mapping.threedeyeUserId}</code>`,
      ],
      ["Password stored", html`${mapping.found ? yesNo(mapping.hasPassword) : "—"}`],
      ["Created", timeValue(mapping.createdAt)],
      ["Account exists in 3dEye", html`${yesNo(mapping.remoteAccountExists)}`],
    ])
  }
    ${
    card("recovery", "Recovery", status.recovery, [
      ["Recovery row", html`${yesNo(recovery.found)}`],
      ["Role IDs", list(recovery.roleIds)],
    ])
  }
    ${
    card(
      "remote",
      "3dEye (live)",
      status.remote,
      remote.configured
        ? [
          ["Customer", remote.customerId === null ? none : html`<code>${remote.customerId}</code>`],
          ["Users in customer", value(remote.customerUserCount)],
          ["Email present", html`${yesNo(remote.emailPresentInCustomer)}`],
          ["Email matches mapping", html`${yesNo(remote.match)}`],
          ["Sample emails", list(remote.sampleEmails)],
        ]
        : [["Probe", html`3dEye settings are not configured on the server.`]],
      probeError,
    )
  }
  </div>`;
}
