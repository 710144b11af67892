/**
 * Date and duration formatting for the widget. Output is in UTC with a fixed layout
 * (`2026-01-05 10:00 UTC`) so that support engineers in different time zones quote the same text.
 *
 * @module
 */

/** A Turnkey timestamp: protobuf-style seconds and nanos, both as decimal strings. */
export interface TurnkeyTimestamp {
  seconds: string;
  nanos?: string;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * Formats an instant (ISO 8601 string or epoch milliseconds) as `YYYY-MM-DD HH:MM UTC`;
 * returns `null` for anything that is not a valid instant.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatUtc } from "./time.ts";
 * assertEquals(formatUtc("2026-01-05T10:00:00.000Z"), "2026-01-05 10:00 UTC");
 * ```
 */
export function formatUtc(instant: string | number): string | null {
  const date = new Date(instant);
  const ms = date.getTime();
  if (!Number.isFinite(ms) || (typeof instant === "string" && instant.trim() === "")) return null;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${
    pad(date.getUTCHours())
  }:${pad(date.getUTCMinutes())} UTC`;
}

/**
 * Converts a Turnkey timestamp to epoch milliseconds; `null` when it is missing or malformed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { turnkeyTimestampToMillis } from "./time.ts";
 * assertEquals(turnkeyTimestampToMillis({ seconds: "1767607200", nanos: "500000000" }), 1767607200500);
 * ```
 */
export function turnkeyTimestampToMillis(
  timestamp: TurnkeyTimestamp | null | undefined,
): number | null {
  if (!timestamp || typeof timestamp.seconds !== "string" || !/^\d+$/.test(timestamp.seconds)) {
    return null;
  }
  const nanos = /^\d+$/.test(timestamp.nanos ?? "") ? Number(timestamp.nanos) : 0;
  return Number(timestamp.seconds) * 1000 + Math.floor(nanos / 1e6);
}

/**
 * Says how long a number of seconds is in plain words, rounded up to the largest whole unit:
 * `"1 second"`, `"45 seconds"`, `"2 minutes"`, `"3 hours"`, `"12 days"`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatDuration } from "./time.ts";
 * assertEquals(formatDuration(90), "2 minutes");
 * ```
 */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const [value, unit] = s < 60
    ? [s, "second"]
    : s < 3600
    ? [Math.ceil(s / 60), "minute"]
    : s < 86400
    ? [Math.ceil(s / 3600), "hour"]
    : [Math.ceil(s / 86400), "day"];
  return `${value} ${unit}${value === 1 ? "" : "s"}`;
}
