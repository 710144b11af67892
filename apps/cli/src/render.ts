/**
 * Renders a diagnostics report for a terminal: findings first (coloured by severity), then the
 * four sections as aligned key/value lines.
 *
 * @module
 */
import { explain, type ThreedeyeDiagnostics } from "@spkey/contracts";

type Severity = "ok" | "info" | "warning" | "error";

const COLORS: Record<Severity | "dim" | "bold", [string, string]> = {
  ok: ["\x1b[32m", "\x1b[39m"],
  info: ["\x1b[36m", "\x1b[39m"],
  warning: ["\x1b[33m", "\x1b[39m"],
  error: ["\x1b[31m", "\x1b[39m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  bold: ["\x1b[1m", "\x1b[22m"],
};

const LABELS: Record<Severity, string> = {
  ok: "OK  ",
  info: "INFO",
  warning: "WARN",
  error: "FAIL",
};

/**
 * Formats `report` as human-readable text.
 *
 * @param report A validated diagnostics report.
 * @param color Whether to use ANSI colours.
 * @returns Lines joined by `\n`, without a trailing newline.
 *
 * @example
 * ```ts
 * import { renderReport } from "./render.ts";
 * const text = renderReport({
 *   userId: "99999999-9999-4999-8999-999999999999",
 *   user: { found: false, email: null },
 *   mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
 *   recovery: { found: false, roleIds: [] },
 *   remote: { configured: false, customerId: null, customerUserCount: null, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
 * }, false);
 * if (!text.includes("99999999-9999-4999-8999-999999999999")) throw new Error("missing id");
 * ```
 */
export function renderReport(report: ThreedeyeDiagnostics, color: boolean): string {
  const paint = (kind: keyof typeof COLORS, text: string) =>
    color ? `${COLORS[kind][0]}${text}${COLORS[kind][1]}` : text;
  const lines: string[] = [];
  lines.push(paint("bold", `3dEye provisioning diagnostics for ${report.userId}`), "");
  lines.push(paint("bold", "Findings"));
  for (const finding of explain(report)) {
    const severity = finding.severity as Severity;
    lines.push(`  ${paint(severity, LABELS[severity])}  ${finding.message}`);
  }
  const section = (title: string, entries: Record<string, unknown>) => {
    lines.push("", paint("bold", title));
    const width = Math.max(...Object.keys(entries).map((k) => k.length));
    for (const [key, value] of Object.entries(entries)) {
      lines.push(`  ${paint("dim", key.padEnd(width))}  ${formatValue(value)}`);
    }
  };
  section("User", report.user);
  section("Mapping (threedeye_users)", report.mapping);
  section("Recovery", report.recovery);
  section("3dEye (live probe)", report.remote);
  return lines.join("\n");
}

function formatValue(value: unknown): string {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
  return String(value);
}

/**
 * The process exit code for a report: 2 when any finding is an error, 1 for warnings, else 0.
 *
 * @param report A validated diagnostics report.
 * @returns 0, 1 or 2.
 *
 * @example
 * ```ts
 * import { exitCodeFor } from "./render.ts";
 * const code = exitCodeFor({
 *   userId: "99999999-9999-4999-8999-999999999999",
 *   user: { found: false, email: null },
 *   mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
 *   recovery: { found: false, roleIds: [] },
 *   remote: { configured: false, customerId: null, customerUserCount: null, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
 * });
 * console.log(`exit code ${code}`); // 2: an unknown user is an error finding
 * ```
 */
export function exitCodeFor(report: ThreedeyeDiagnostics): 0 | 1 | 2 {
  const severities = explain(report).map((f) => f.severity);
  if (severities.includes("error")) return 2;
  if (severities.includes("warning")) return 1;
  return 0;
}
