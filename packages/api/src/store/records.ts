/**
 * Turns raw rows into the store's records. Rows come from three different drivers (D1 binding,
 * D1 HTTP JSON, node:sqlite), so values are read defensively: booleans may be 0/1 or true/false,
 * timestamps may be ISO 8601 or SQLite's `YYYY-MM-DD HH:MM:SS`, and `role_ids` is free text that
 * is supposed to hold a JSON array.
 *
 * @module
 */
import type {
  MappingRecord,
  RecoveryRecord,
  SqlRow,
  UserCandidateRecord,
  UserRecord,
} from "../domain.ts";

/** The `b2c_users` row as a record. */
export function toUserRecord(row: SqlRow): UserRecord {
  return { id: String(row.id), email: typeof row.email === "string" ? row.email : null };
}

/** The mapping row (selected with a computed `has_password`) as a record. */
export function toMappingRecord(row: SqlRow): MappingRecord {
  return {
    threedeyeUserId: String(row.threedeye_user_id),
    hasPassword: isTrue(row.has_password),
    createdAt: normaliseTimestamp(row.created_at),
  };
}

/** A user search row (selected with a computed `has_threedeye_mapping`) as a record. */
export function toUserCandidateRecord(row: SqlRow): UserCandidateRecord {
  return {
    id: String(row.id),
    email: String(row.email),
    createdAt: normaliseTimestamp(row.created_at),
    hasThreedeyeMapping: isTrue(row.has_threedeye_mapping),
  };
}

/** A computed SQL boolean as the drivers hand it over: 1, 1n or true. */
function isTrue(value: unknown): boolean {
  return value === 1 || value === true || value === 1n;
}

/** The recovery row as a record. */
export function toRecoveryRecord(row: SqlRow): RecoveryRecord {
  return { roleIds: parseRoleIds(row.role_ids) };
}

// SQLite's CURRENT_TIMESTAMP shape (and ISO without a zone): the value is UTC by convention.
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Normalises a stored timestamp to ISO 8601 in UTC (`…Z`, milliseconds), or null when the value
 * is not a recognisable timestamp. Zone-less text is read as UTC (SQLite's convention); numbers
 * are Unix epochs in seconds (below 10^11) or milliseconds.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { normaliseTimestamp } from "./records.ts";
 * assertEquals(normaliseTimestamp("2026-01-05 10:00:00"), "2026-01-05T10:00:00.000Z");
 * assertEquals(normaliseTimestamp("not a date"), null);
 * ```
 */
export function normaliseTimestamp(value: unknown): string | null {
  let millis: number;
  if (typeof value === "number" || typeof value === "bigint") {
    const n = Number(value);
    millis = Math.abs(n) < 1e11 ? n * 1000 : n;
  } else if (typeof value === "string") {
    const text = value.trim();
    if (ZONELESS.test(text)) millis = Date.parse(`${text.replace(" ", "T")}Z`);
    else if (DATE_ONLY.test(text)) millis = Date.parse(`${text}T00:00:00Z`);
    else if (ZONED.test(text)) millis = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
    else return null;
  } else {
    return null;
  }
  if (!Number.isFinite(millis)) return null;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Reads `role_ids`. A JSON array yields its entries as strings (blank ones dropped); a JSON
 * string yields one role. Anything else that is not JSON is shown rather than hidden: it is
 * split on commas (hand-entered `role-a, role-b`), so the report still names what is stored.
 * Empty or missing values yield `[]`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseRoleIds } from "./records.ts";
 * assertEquals(parseRoleIds('["role-owner","role-viewer"]'), ["role-owner", "role-viewer"]);
 * assertEquals(parseRoleIds("role-owner, role-viewer"), ["role-owner", "role-viewer"]);
 * ```
 */
export function parseRoleIds(value: unknown): string[] {
  if (typeof value !== "string") return [];
  const text = value.trim();
  if (text === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return splitList(text.replace(/^\[|\]$/g, ""));
  }
  if (Array.isArray(parsed)) {
    return parsed
      .filter((entry) => entry !== null && entry !== undefined && typeof entry !== "object")
      .map((entry) => String(entry).trim())
      .filter((entry) => entry !== "");
  }
  if (typeof parsed === "string") return splitList(parsed);
  // A JSON number/object/boolean is not a role list; keep the stored text visible.
  return [text];
}

function splitList(text: string): string[] {
  return text.split(",").map((part) => part.trim().replace(/^["']|["']$/g, "").trim())
    .filter((part) => part !== "");
}
