import { assertEquals } from "@std/assert";
import { deriveChecks } from "./checks.ts";
import { formatChecksTable } from "./checks_table.ts";
import type { CountedFigures } from "../counted/counted_figures.ts";
import { compareWithBare, type HttpOverheadFigures } from "../http/http_overhead.ts";
import type { TargetFigures } from "../load/load_plan.ts";

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
  searchRoundTrips: { requests: 3, roundTrips: 3, perRequest: 1, candidates: [2, 1, 0] },
  warmTokenCalls: { requests: 8, tokenCalls: 0, pageCalls: 8, getUserCalls: 0, perRequest: 1 },
  coldTokenBurst: { concurrentRequests: 500, okResponses: 500, tokenRequests: 1 },
  largeCustomer: scan,
  largeCustomerCapped: { ...scan, scanCap: 2_500, pagesFetched: 25, pagesWithinCap: 25 },
  listingCache: {
    customerUsers: 10_000,
    lookups: 100,
    ttlSeconds: 60,
    withinTtl: { listings: 1, pages: 100, correctReports: 100 },
    afterTtl: {
      pageLatencyMs: 100,
      staleAnswers: 100,
      correctReports: 100,
      refreshes: 1,
      refreshPagesAtLastAnswer: 9,
      answerMs: { p50: 1.2, max: 4 },
      refreshPages: 100,
      refreshed: true,
    },
    noCacheBurst: {
      pageLatencyMs: 100,
      listings: 1,
      pages: 100,
      distinctFetchedAt: 1,
      newerThanKept: true,
      correctReports: 100,
    },
    cacheOff: { listings: 100, pages: 5_200, correctReports: 100 },
  },
};

Deno.test("counted checks are met exactly when the counts match the design", () => {
  assertEquals(deriveChecks({ counted }).map((c) => [c.id, c.met]), [
    ["counted.db", true],
    ["counted.search", true],
    ["counted.threedeye", true],
    ["counted.token", true],
    ["counted.pages", true],
    ["counted.pagesCapped", true],
    ["counted.listing.ttl", true],
    ["counted.listing.refresh", true],
    ["counted.listing.noCache", true],
  ]);
  const wrong: CountedFigures = {
    ...counted,
    dbRoundTrips: { requests: 8, roundTrips: 24, perRequest: 3 },
    searchRoundTrips: { requests: 3, roundTrips: 6, perRequest: 2, candidates: [2, 1, 0] },
    coldTokenBurst: { concurrentRequests: 500, okResponses: 500, tokenRequests: 2 },
    largeCustomer: { ...scan, maxPagesInFlight: 1 },
    largeCustomerCapped: { ...scan, scanCap: 2_500, pagesFetched: 100, pagesWithinCap: 25 },
    listingCache: {
      ...counted.listingCache,
      withinTtl: { listings: 100, pages: 5_200, correctReports: 100 },
      afterTtl: { ...counted.listingCache.afterTtl, refreshPagesAtLastAnswer: 100 },
      noCacheBurst: { ...counted.listingCache.noCacheBurst, distinctFetchedAt: 2 },
    },
  };
  assertEquals(deriveChecks({ counted: wrong }).filter((c) => c.met === false).map((c) => c.id), [
    "counted.db",
    "counted.search",
    "counted.token",
    "counted.pages",
    "counted.pagesCapped",
    "counted.listing.ttl",
    "counted.listing.refresh",
    "counted.listing.noCache",
  ]);
});

Deno.test("the email search row reports both p50s and their ratio, without a target", () => {
  const variant = (p50: number, indexes: string[]) => ({
    indexes,
    plan: [],
    searches: 100,
    roundTripsPerSearch: 1,
    candidatesFound: 95,
    micros: { p50, p90: p50 * 2, p99: p50 * 3, max: p50 * 4, mean: p50 },
  });
  const [row] = deriveChecks({
    emailSearch: {
      users: 100_000,
      mappings: 50_000,
      sharedAddresses: 100,
      buildMs: 3_000,
      withIndex: variant(50, ["b2c_users_email_nocase"]),
      withoutIndex: variant(20_000, []),
      p50Speedup: 400,
    },
  });
  assertEquals([row.id, row.met, row.relation], ["search.p50", "reported", "400× faster at p50"]);
  assertEquals(row.value, "p50 50 µs, p99 150 µs (100 searches, 1 round trip each)");
  assertEquals(
    row.baseline,
    "without: p50 20.0 ms, p99 60.0 ms (100 searches, 1 round trip each)",
  );
  assertEquals(row.figure.includes("100,000 users"), true);
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

function httpFigures(middlewareOnlyRps: number): HttpOverheadFigures {
  const target = (rps: number, rounds: number[]): TargetFigures => ({
    requests: 2_000,
    elapsedMs: 2e6 / rps,
    throughputRps: rps,
    roundThroughputRps: rounds,
    latencyMs: { count: 2_000, p50: 1, p90: 2, p99: 3, max: 4, mean: 1 },
    statuses: { "200": 2_000 },
    networkErrors: 0,
    networkErrorSamples: [],
    overBound: 0,
  });
  // Bare: 10,000 req/s = 100 µs a request.
  const bare = target(10_000, [10_000, 10_000]);
  return {
    concurrency: 16,
    overhead: {
      ...compareWithBare(
        target(middlewareOnlyRps, [middlewareOnlyRps * 0.9, middlewareOnlyRps]),
        bare,
      ),
      rounds: 2,
      requestsPerRound: 1_000,
    },
    stack: {
      full: compareWithBare(target(2_500, [2_500, 2_500]), bare),
      storeOnly: compareWithBare(target(4_000, [4_000, 4_000]), bare),
    },
    threedeyeCallsPerFullRequest: 1,
    latency: {
      standinLatencyMs: 50,
      concurrency: 4,
      full: target(70, [70]),
      standinDirect: target(72, [72]),
      p50Ms: 56,
      p50OverStandinMs: 1,
      targetMs: 60,
      met: true,
      nominalTargetMs: 55,
      nominalMet: false,
    },
  };
}

Deno.test("middleware-only is reported as throughput overhead and as added time, never judged", () => {
  const rows = (rps: number) =>
    deriveChecks({ http: httpFigures(rps) })
      .filter((c) => c.id.endsWith("middlewareOnly"))
      .map((c) => [c.id, c.target, c.met]);
  // Overhead 20% or 60%: a figure either way, not a pass or a fail.
  for (const rps of [8_000, 4_000]) {
    assertEquals(rows(rps), [
      ["http.overhead.middlewareOnly", "— (reported)", "reported"],
      ["http.time.middlewareOnly", "— (reported)", "reported"],
    ]);
  }
  const [throughput, time] = deriveChecks({ http: httpFigures(7_500) })
    .filter((c) => c.id.endsWith("middlewareOnly"));
  assertEquals(throughput.relation, "0.75×, overhead 25.0% (rounds 25.0–32.5%)");
  assertEquals([time.value, time.baseline, time.relation], [
    "+33 µs (133 µs/request)",
    "bare 100 µs/request",
    "33.3% of bare",
  ]);
});

Deno.test("the full stack and store-only rows are reported, with p50/p99, and never judged", () => {
  const rows = deriveChecks({ http: httpFigures(5_000) });
  const stack = rows.filter((c) => c.id.startsWith("http.stack."));
  assertEquals(stack.map((c) => [c.id, c.met]), [
    ["http.stack.full", "reported"],
    ["http.stack.storeOnly", "reported"],
  ]);
  assertEquals(stack[0].relation, "0.25×, +300 µs/request (rounds 0.25–0.25×)");
  assertEquals(stack[0].value.includes("p99"), true);
  assertEquals(formatChecksTable(stack).split("\n")[2].endsWith("| reported |"), true);
});

Deno.test("the listing rows: warm judged against store-only + 1 ms; cold and memory reported", () => {
  const target = (p50: number): TargetFigures => ({
    requests: 100,
    elapsedMs: 100,
    throughputRps: 1000,
    roundThroughputRps: [1000],
    latencyMs: { count: 100, p50, p90: p50, p99: p50 * 2, max: p50 * 3, mean: p50 },
    statuses: { "200": 100 },
    networkErrors: 0,
    networkErrorSamples: [],
    overBound: 0,
  });
  const latency = (over: number) => ({
    customerUsers: 10_000,
    pages: 100,
    pageConcurrency: 4,
    warm: {
      concurrency: 1,
      users: 100,
      lookup: target(0.6 + over),
      storeOnly: target(0.6),
      p50OverStoreOnlyMs: over,
      allowanceMs: 1,
      met: over <= 1,
    },
    cold: {
      pageLatencyMs: 20,
      concurrency: 1,
      lookup: target(540),
      pageDirect: target(21),
      nominalMs: 500,
      measuredMs: 525,
      ratioToNominal: 1.08,
      ratioToMeasured: 1.029,
    },
  });
  const memory = {
    sizes: [
      { users: 10_000, indexBytes: 2_200_000, rawUsersBytes: 1_500_000, indexBytesPerUser: 220 },
      { users: 100_000, indexBytes: 17_200_000, rawUsersBytes: 15_000_000, indexBytesPerUser: 172 },
    ],
  };
  const rows = deriveChecks({ listingLatency: latency(0.2), listingMemory: memory });
  assertEquals(rows.map((r) => [r.id, r.met]), [
    ["listing.warm", true],
    ["listing.cold", "reported"],
    ["listing.memory", "reported"],
  ]);
  assertEquals(rows[0].relation, "+0.200 ms at p50");
  assertEquals(rows[1].relation, "1.08× nominal, 1.03× measured");
  assertEquals(rows[2].value, "10,000 users 2.1 MiB; 100,000 users 16.4 MiB");
  const slow = deriveChecks({ listingLatency: latency(1.5) });
  assertEquals(slow[0].met, false);
});
