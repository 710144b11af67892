/**
 * Light shape checks for the answers the browser receives (the diagnostics report, the user
 * search), so a wrong `api-base` (an HTML page, another API) shows "unexpected answer" instead of
 * a broken view. The widget does not bundle zod; the server validates the full schemas.
 *
 * @module
 */
import type { ThreedeyeDiagnostics, ThreedeyeUserSearch } from "@spkey/contracts";
import { isUserId } from "./lookup.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether a parsed JSON value has the diagnostics report's shape (sections, flags, arrays).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isDiagnosticsReport } from "./report_guard.ts";
 * assertEquals(isDiagnosticsReport({ userId: "x" }), false);
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

/**
 * Whether a parsed JSON value has the shape of a user search answer (`ThreedeyeUserSearchSchema`
 * of `@spkey/contracts`). Candidate ids must be UUIDs: they go into report URLs and the page's
 * `#user=` link.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isUserSearchAnswer } from "./report_guard.ts";
 * const answer = { email: "a@x.test", candidates: [], limit: 20, truncated: false };
 * assertEquals(isUserSearchAnswer(answer), true);
 * assertEquals(isUserSearchAnswer({ ...answer, candidates: [{ userId: "../x" }] }), false);
 * ```
 */
export function isUserSearchAnswer(value: unknown): value is ThreedeyeUserSearch {
  return isObject(value) && typeof value.email === "string" &&
    typeof value.limit === "number" && typeof value.truncated === "boolean" &&
    Array.isArray(value.candidates) &&
    value.candidates.every((c) =>
      isObject(c) && typeof c.userId === "string" && isUserId(c.userId) &&
      typeof c.email === "string" && (c.createdAt === null || typeof c.createdAt === "string") &&
      typeof c.hasThreedeyeMapping === "boolean"
    );
}
