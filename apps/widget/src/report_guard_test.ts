import { assertEquals } from "@std/assert";
import { REPORTS } from "./_fixtures.ts";
import { isDiagnosticsReport } from "./report_guard.ts";

Deno.test("isDiagnosticsReport accepts every fixture report", () => {
  for (const [name, report] of Object.entries(REPORTS)) {
    assertEquals(isDiagnosticsReport(report), true, name);
  }
});

Deno.test("isDiagnosticsReport rejects other JSON", () => {
  const { remote: _remote, ...noRemote } = REPORTS.healthy;
  const bad: unknown[] = [
    null,
    [],
    "report",
    { error: "Unauthorized", message: "m", code: 401 },
    noRemote,
    { ...REPORTS.healthy, recovery: { found: false, roleIds: "none" } },
    { ...REPORTS.healthy, user: { found: "yes", email: null } },
    { ...REPORTS.healthy, remote: { ...REPORTS.healthy.remote, sampleEmails: null } },
  ];
  for (const value of bad) assertEquals(isDiagnosticsReport(value), false, JSON.stringify(value));
});
