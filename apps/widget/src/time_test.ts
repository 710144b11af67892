import { assertEquals } from "@std/assert";
import { formatDuration, formatUtc, turnkeyTimestampToMillis } from "./time.ts";

Deno.test("formatUtc shows ISO instants as YYYY-MM-DD HH:MM UTC regardless of their offset", () => {
  assertEquals(formatUtc("2026-01-05T10:00:00.000Z"), "2026-01-05 10:00 UTC");
  assertEquals(formatUtc("2026-03-01T14:05:00+02:00"), "2026-03-01 12:05 UTC");
  assertEquals(formatUtc(Date.UTC(2026, 11, 31, 23, 59)), "2026-12-31 23:59 UTC");
});

Deno.test("formatUtc returns null for text that is not an instant", () => {
  for (const bad of ["", "  ", "null", "yesterday", "2026-13-45T00:00:00Z"]) {
    assertEquals(formatUtc(bad), null, bad);
  }
  assertEquals(formatUtc(Number.NaN), null);
});

Deno.test("turnkeyTimestampToMillis combines seconds and nanos", () => {
  assertEquals(turnkeyTimestampToMillis({ seconds: "1767225600", nanos: "0" }), 1767225600000);
  assertEquals(
    turnkeyTimestampToMillis({ seconds: "1767225600", nanos: "999999999" }),
    1767225600999,
  );
  assertEquals(turnkeyTimestampToMillis({ seconds: "1767225600" }), 1767225600000);
});

Deno.test("turnkeyTimestampToMillis rejects missing or malformed timestamps", () => {
  assertEquals(turnkeyTimestampToMillis(undefined), null);
  assertEquals(turnkeyTimestampToMillis(null), null);
  assertEquals(turnkeyTimestampToMillis({ seconds: "-5", nanos: "0" }), null);
  assertEquals(turnkeyTimestampToMillis({ seconds: "12e3", nanos: "0" }), null);
  assertEquals(turnkeyTimestampToMillis({ seconds: 5 as unknown as string, nanos: "0" }), null);
});

Deno.test("formatDuration rounds up to whole units with singular and plural", () => {
  const table: [number, string][] = [
    [0, "0 seconds"],
    [1, "1 second"],
    [0.2, "1 second"],
    [59, "59 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [3600, "1 hour"],
    [7200, "2 hours"],
    [86400, "1 day"],
    [86400 * 30, "30 days"],
    [-4, "0 seconds"],
  ];
  for (const [seconds, text] of table) assertEquals(formatDuration(seconds), text, String(seconds));
});
