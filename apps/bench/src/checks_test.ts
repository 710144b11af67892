import { assertEquals } from "@std/assert";
import { deriveChecks } from "./checks.ts";
import { formatChecksTable } from "./checks_table.ts";
import type { CountedFigures } from "./counted_figures.ts";

const scan = {
  customerUsers: 10_000,
  pageSize: 100,
  scanCap: 10_000,
  pageConcurrency: 4,
  pagesFetched: 100,
  pagesWithinCap: 100,
  maxPagesInFlight: 4,
  reportedUserCount: 10_000,
  remoteError: null,
};
const counted: CountedFigures = {
  dbRoundTrips: { requests: 8, roundTrips: 8, perRequest: 1 },
  warmTokenCalls: { requests: 8, tokenCalls: 0, pageCalls: 8, getUserCalls: 0, perRequest: 1 },
  coldTokenBurst: { concurrentRequests: 500, okResponses: 500, tokenRequests: 1 },
  largeCustomer: scan,
  largeCustomerCapped: { ...scan, scanCap: 2_500, pagesFetched: 25, pagesWithinCap: 25 },
};

Deno.test("counted checks are met exactly when the counts match the design", () => {
  assertEquals(deriveChecks({ counted }).map((c) => [c.id, c.met]), [
    ["counted.db", true],
    ["counted.threedeye", true],
    ["counted.token", true],
    ["counted.pages", true],
    ["counted.pagesCapped", true],
  ]);
  const wrong: CountedFigures = {
    ...counted,
    dbRoundTrips: { requests: 8, roundTrips: 24, perRequest: 3 },
    coldTokenBurst: { concurrentRequests: 500, okResponses: 500, tokenRequests: 2 },
    largeCustomer: { ...scan, maxPagesInFlight: 1 },
    largeCustomerCapped: { ...scan, scanCap: 2_500, pagesFetched: 100, pagesWithinCap: 25 },
  };
  assertEquals(deriveChecks({ counted: wrong }).filter((c) => c.met === false).map((c) => c.id), [
    "counted.db",
    "counted.token",
    "counted.pages",
    "counted.pagesCapped",
  ]);
});

Deno.test("a section that failed yields 'not measured' rows, never a pass", () => {
  const rows = deriveChecks({
    coldStart: { error: "Starting the edge service failed: boom\nmore" },
  });
  assertEquals(rows.map((r) => [r.id, r.met, r.value]), [
    ["cold.deno", null, "not measured: Starting the edge service failed: boom"],
  ]);
  assertEquals(formatChecksTable(rows).split("\n").at(-1)?.endsWith("| not measured |"), true);
});

Deno.test("the bundle check compares gzip bytes with the budget", () => {
  const bundle = {
    file: "apps/widget/dist/spkey-widget.js",
    rawBytes: 40_000,
    gzipBytes: 25 * 1024 + 1,
    budgetBytes: 25 * 1024,
    met: false,
    builtNow: false,
    modifiedAt: null,
  };
  const [row] = deriveChecks({ widgetBundle: bundle });
  assertEquals([row.value, row.target, row.met], ["25.0 KiB", "≤ 25.0 KiB", false]);
});

Deno.test("the table escapes pipes inside cells", () => {
  const table = formatChecksTable([{
    id: "x",
    figure: "a | b",
    value: "1",
    baseline: "—",
    relation: "—",
    target: "= 1",
    met: false,
  }]);
  assertEquals(table.split("\n")[2], "| a \\| b | 1 | — | — | = 1 | **NO** |");
});
