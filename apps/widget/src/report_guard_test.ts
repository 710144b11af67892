import { assertEquals } from "@std/assert";
import { REPORTS, SEARCHES } from "./_fixtures.ts";
import { isDiagnosticsReport, isUserSearchAnswer } from "./report_guard.ts";

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

Deno.test("isUserSearchAnswer accepts every fixture answer", () => {
  for (const [name, answer] of Object.entries(SEARCHES)) {
    assertEquals(isUserSearchAnswer(answer), true, name);
  }
});

Deno.test("isUserSearchAnswer rejects other JSON, and candidate ids that are not UUIDs", () => {
  const answer = SEARCHES.two;
  const candidate = answer.candidates[0];
  const bad: unknown[] = [
    null,
    [],
    REPORTS.healthy,
    { error: "Bad Request", message: "m", code: 400 },
    { ...answer, candidates: null },
    { ...answer, truncated: "no" },
    { ...answer, limit: "20" },
    { ...answer, email: null },
    { ...answer, candidates: [{ ...candidate, userId: "../../admin" }] },
    { ...answer, candidates: [{ ...candidate, userId: "alice@example.com" }] },
    { ...answer, candidates: [{ ...candidate, hasThreedeyeMapping: "yes" }] },
    { ...answer, candidates: [{ ...candidate, createdAt: 0 }] },
    { ...answer, candidates: [{ ...candidate, email: null }] },
    { ...answer, candidates: ["11111111-1111-4111-8111-111111111111"] },
  ];
  for (const value of bad) assertEquals(isUserSearchAnswer(value), false, JSON.stringify(value));
});
