/**
 * A light shape check for a diagnostics report received by the browser, so a wrong `api-base`
 * (an HTML page, another API) shows "unexpected answer" instead of a broken view. The widget does
 * not bundle zod; the server validates the full schema.
 *
 * @module
 */
import type { ThreedeyeDiagnostics } from "@spkey/contracts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether a parsed JSON value has the diagnostics report's shape (sections, flags, arrays).
 *
 * @example
 * ```ts
 * import { isDiagnosticsReport } from "./report_guard.ts";
 * console.assert(!isDiagnosticsReport({ userId: "x" }));
 * ```
 */
export function isDiagnosticsReport(value: unknown): value is ThreedeyeDiagnostics {
  if (!isObject(value) || typeof value.userId !== "string") return false;
  const { user, mapping, recovery, remote } = value;
  return isObject(user) && typeof user.found === "boolean" &&
    isObject(mapping) && typeof mapping.found === "boolean" &&
    typeof mapping.hasPassword === "boolean" &&
    isObject(recovery) && typeof recovery.found === "boolean" && Array.isArray(recovery.roleIds) &&
    isObject(remote) && typeof remote.configured === "boolean" &&
    Array.isArray(remote.sampleEmails);
}
