/**
 * Plain-language verdicts ("findings") from a diagnostics report, shared by the widget and any
 * service that wants to say what is wrong with a user's 3dEye provisioning. Pure and browser-safe.
 *
 * @module
 */
import type { ThreedeyeDiagnostics } from "./diagnostics.ts";

/** How bad a finding is, from worst to best. */
export type FindingSeverity = "error" | "warning" | "info" | "ok";

/** The stable codes a finding can carry (snake_case; safe to branch on or translate). */
export const FINDING_CODES = [
  "user_not_found",
  "user_has_no_email",
  "mapping_not_found",
  "password_missing",
  "remote_account_missing",
  "email_mapped_to_other_account",
  "email_not_in_customer",
  "email_case_mismatch",
  "probe_failed",
  "threedeye_not_configured",
  "recovery_row_present",
  "all_good",
] as const;

/** A finding's stable code. */
export type FindingCode = (typeof FINDING_CODES)[number];

/** One plain-language verdict about a report. */
export interface Finding {
  /** How bad it is. */
  severity: FindingSeverity;
  /** Stable snake_case code. */
  code: FindingCode;
  /** One or two sentences for a support engineer. */
  message: string;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

/**
 * Explains a diagnostics report as findings, most severe first (ties keep a fixed order).
 *
 * Emails are compared exactly, as the product does; a case or whitespace variant seen in
 * `remote.sampleEmails` is reported as `email_case_mismatch` because it explains a "not found".
 *
 * @param report A diagnostics report.
 * @returns The findings; `all_good` (severity `ok`) when there is no error or warning.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { explain } from "@spkey/contracts";
 * const findings = explain({
 *   userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
 *   user: { found: false, email: null },
 *   mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
 *   recovery: { found: false, roleIds: [] },
 *   remote: { configured: true, customerId: "c-1", customerUserCount: 3, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
 * });
 * assertEquals(findings[0].code, "user_not_found");
 * ```
 */
export function explain(report: ThreedeyeDiagnostics): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: FindingSeverity, code: FindingCode, message: string) =>
    findings.push({ severity, code, message });
  const { user, mapping, recovery, remote } = report;
  const email = user.found && user.email ? user.email : null;

  if (!user.found) {
    add("error", "user_not_found", "No user with this id exists in the database.");
  } else if (email === null) {
    add(
      "warning",
      "user_has_no_email",
      "The user has no email address, so 3dEye cannot be searched for them by email.",
    );
  }

  if (user.found && !mapping.found) {
    add(
      "error",
      "mapping_not_found",
      "The user has no 3dEye mapping: they were never provisioned to 3dEye (or the row was removed).",
    );
  }
  if (mapping.found && !mapping.hasPassword) {
    add(
      "error",
      "password_missing",
      "The 3dEye mapping has no stored password, so the app cannot sign in to 3dEye for this user.",
    );
  }
  if (mapping.found && mapping.remoteAccountExists === false) {
    add(
      "error",
      "remote_account_missing",
      "The mapped 3dEye account no longer exists in the customer: the mapping points at a deleted account.",
    );
  }

  if (!remote.configured) {
    add(
      "info",
      "threedeye_not_configured",
      "3dEye is not configured on this server, so the live 3dEye checks were skipped.",
    );
  } else if (remote.error !== null) {
    add(
      "warning",
      "probe_failed",
      `The live 3dEye check failed, so the 3dEye side is unknown: ${remote.error}`,
    );
  }

  if (remote.match === false) {
    add(
      "error",
      "email_mapped_to_other_account",
      "The user's email belongs to a different 3dEye account than the mapped one.",
    );
  }
  if (email !== null && remote.emailPresentInCustomer === false) {
    add(
      "warning",
      "email_not_in_customer",
      "The user's email is not visible among the 3dEye customer's users.",
    );
  }
  if (email !== null && remote.emailPresentInCustomer !== true && hasCaseVariant(email, remote)) {
    add(
      "warning",
      "email_case_mismatch",
      "3dEye has this email with different letter case or surrounding spaces. Emails are compared " +
        "exactly, so the 3dEye account is not recognised as this user's.",
    );
  }

  if (recovery.found) {
    const roles = recovery.roleIds.length > 0 ? recovery.roleIds.join(", ") : "none";
    add("info", "recovery_row_present", `A recovery row is present (role ids: ${roles}).`);
  }

  if (!findings.some((f) => f.severity === "error" || f.severity === "warning")) {
    add(
      "ok",
      "all_good",
      remote.configured
        ? "Everything checks out: the user, their 3dEye mapping and the 3dEye account agree."
        : "The database side checks out; 3dEye itself was not checked.",
    );
  }
  // Array.prototype.sort is stable, so equal severities keep the order above.
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** True when a sample email equals `email` ignoring case and surrounding spaces, but not exactly. */
function hasCaseVariant(email: string, remote: ThreedeyeDiagnostics["remote"]): boolean {
  const normal = normalizeEmail(email);
  const samples = remote.sampleEmails;
  return !samples.includes(email) &&
    samples.some((sample) => sample !== email && normalizeEmail(sample) === normal);
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
