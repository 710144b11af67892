/**
 * Turns the measured sections into the table of record: one row per figure with its same-run
 * baseline, the ratio or offset against it, the target and whether it was met. Machine-speed
 * figures are judged by ratios (or by budgets that are absolute by definition: a timeout, a
 * cold start, a byte count); counted figures by exact counts. A section that failed gives rows
 * with `met: null` and its error as the value, never a silent pass.
 *
 * @module
 */
import type { BundleFigure } from "../bundle/bundle_sizes.ts";
import type { ColdStartFigures } from "../cold_start/cold_start.ts";
import type { CountedFigures } from "../counted/counted_figures.ts";
import type { ServiceLoadFigures } from "../load/deno_service_load.ts";
import type { EmailSearchFigures } from "../search/email_search.ts";
import type { SoakFigures } from "../load/service_load.ts";
import {
  type HttpOverheadFigures,
  LATENCY_ALLOWANCE_MS,
  type VariantComparison,
} from "../http/http_overhead.ts";
import type { ListingLatencyFigures } from "../listing/listing_latency.ts";
import type { ListingMemoryFigures } from "../listing/listing_memory.ts";
import type { SignerFigures } from "../signer/signer.ts";
import type { WorkerStartupFigures } from "../cold_start/worker_startup.ts";

/** A section that could not be measured. */
export interface SectionFailure {
  error: string;
}

/** A section's figures, or why they are missing. */
export type Section<T> = T | SectionFailure;

/** Everything measured in one run (absent: not selected). */
export interface BenchSections {
  signer?: Section<SignerFigures>;
  counted?: Section<CountedFigures>;
  emailSearch?: Section<EmailSearchFigures>;
  listingLatency?: Section<ListingLatencyFigures>;
  listingMemory?: Section<ListingMemoryFigures>;
  widgetBundle?: Section<BundleFigure>;
  workerBundle?: Section<BundleFigure>;
  coldStart?: Section<ColdStartFigures>;
  workerStartup?: Section<WorkerStartupFigures>;
  http?: Section<HttpOverheadFigures>;
  denoLoad?: Section<ServiceLoadFigures>;
  workerLoad?: Section<ServiceLoadFigures>;
}

/** One row of the table. */
export interface Check {
  id: string;
  figure: string;
  value: string;
  /** The same-run baseline, or "—" for counted figures and fixed budgets. */
  baseline: string;
  /** Ratio or offset against the baseline, or "—". */
  relation: string;
  target: string;
  /**
   * null: not measured (the section failed); "reported": a figure the issue asks to record, with
   * no target of its own.
   */
  met: boolean | null | "reported";
}

/** Whether `section` is a failure. */
export function isFailure<T>(section: Section<T> | undefined): section is SectionFailure {
  return typeof section === "object" && section !== null && "error" in section;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const rps = (value: number) => `${Math.round(value)} req/s`;
const times = (value: number) => `${value.toFixed(2)}×`;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const micros = (value: number) => `${Math.round(value)} µs`;
/**
 * ` (rounds 20.1–27.5%)` (or ` (rounds 0.20–0.27×)`): the spread of a per-round figure, or
 * nothing for one round.
 */
const spread = (values: readonly number[], as: "pct" | "ratio" = "pct") =>
  values.length < 2
    ? ""
    : as === "pct"
    ? ` (rounds ${(Math.min(...values) * 100).toFixed(1)}–${pct(Math.max(...values))})`
    : ` (rounds ${Math.min(...values).toFixed(2)}–${times(Math.max(...values))})`;

/**
 * The rows for every selected section.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { deriveChecks } from "./checks.ts";
 * const rows = deriveChecks({ signer: { error: "boom" } });
 * assertEquals(rows.map((row) => row.met), [null, null]);
 * ```
 */
export function deriveChecks(sections: BenchSections): Check[] {
  return [
    ...rowsFor(sections.signer, signerRows, ["signer.webcrypto", "signer.turnkey"]),
    ...rowsFor(sections.http, httpRows, [
      "http.overhead.middlewareOnly",
      "http.time.middlewareOnly",
      "http.stack.full",
      "http.stack.storeOnly",
      "http.p50",
    ]),
    ...rowsFor(sections.counted, countedRows, [
      "counted.db",
      "counted.search",
      "counted.threedeye",
      "counted.token",
      "counted.pages",
      "counted.pagesCapped",
      "counted.listing.ttl",
      "counted.listing.refresh",
      "counted.listing.noCache",
    ]),
    ...rowsFor(sections.emailSearch, emailSearchRows, ["search.p50"]),
    ...rowsFor(sections.listingLatency, listingLatencyRows, ["listing.warm", "listing.cold"]),
    ...rowsFor(sections.listingMemory, listingMemoryRows, ["listing.memory"]),
    ...rowsFor(sections.coldStart, coldStartRows, ["cold.deno"]),
    ...rowsFor(sections.workerStartup, workerStartupRows, ["cold.worker"]),
    ...rowsFor(sections.widgetBundle, (b) => [bundleRow("bundle.widget", "Widget bundle", b)], [
      "bundle.widget",
    ]),
    ...rowsFor(sections.workerBundle, (b) => [bundleRow("bundle.worker", "Worker bundle", b)], [
      "bundle.worker",
    ]),
    ...rowsFor(sections.denoLoad, (f) => loadRows("deno", "Deno", f), [
      "load.deno",
      "soak.deno",
    ]),
    ...rowsFor(sections.workerLoad, (f) => loadRows("worker", "Worker (workerd, Miniflare)", f), [
      "load.worker",
      "soak.worker",
      "soak.worker.light",
    ]),
  ];
}

function rowsFor<T>(
  section: Section<T> | undefined,
  rows: (figures: T) => Check[],
  ids: string[],
): Check[] {
  if (section === undefined) return [];
  if (!isFailure(section)) return rows(section);
  return ids.map((id) => ({
    id,
    figure: id,
    value: `not measured: ${section.error.split("\n")[0].slice(0, 120)}`,
    baseline: "—",
    relation: "—",
    target: "—",
    met: null,
  }));
}

function signerRows(f: SignerFigures): Check[] {
  const ops = (prefix: string) =>
    f.contenders.find((c) => c.name.startsWith(prefix))?.opsPerSecond ?? 0;
  const ours = `${ops("ours: stamp() (")} stamps/s`;
  return [
    {
      id: "signer.webcrypto",
      figure: "Signer: stamp() vs WebCrypto ECDSA P-256",
      value: ours,
      baseline: `${ops("WebCrypto")} signs/s`,
      relation: times(f.ratios.oursVsWebCrypto),
      target: `≥ ${f.targets.oursVsWebCrypto}×`,
      met: f.met.oursVsWebCrypto,
    },
    {
      id: "signer.turnkey",
      figure: "Signer: stamp() vs @turnkey/api-key-stamper",
      value: ours,
      baseline: `${ops("@turnkey")} stamps/s`,
      relation: times(f.ratios.oursVsTurnkeySdk),
      target: `≥ ${f.targets.oursVsTurnkeySdk}×`,
      met: f.met.oursVsTurnkeySdk,
    },
  ];
}

function httpRows(f: HttpOverheadFigures): Check[] {
  const o = f.overhead;
  const stackRow = (id: string, figure: string, c: VariantComparison): Check => ({
    id,
    figure,
    value: `${rps(c.variant.throughputRps)}; p50 ${ms(c.variant.latencyMs.p50)}, ` +
      `p99 ${ms(c.variant.latencyMs.p99)}`,
    baseline: `bare ${rps(c.bare.throughputRps)}; p50 ${ms(c.bare.latencyMs.p50)}, ` +
      `p99 ${ms(c.bare.latencyMs.p99)}`,
    relation: `${times(c.throughputRatio)}, +${micros(c.addedMicros)}/request` +
      spread(c.roundOverhead.map((value) => 1 - value), "ratio"),
    target: "— (I/O, not middleware)",
    met: "reported",
  });
  const pairing = `c=${f.concurrency}, ${o.rounds} alternating rounds × ${o.requestsPerRound}`;
  return [
    {
      id: "http.overhead.middlewareOnly",
      figure: `HTTP middleware+validation vs bare Hono route (${pairing})`,
      value: rps(o.variant.throughputRps),
      baseline: `bare ${rps(o.bare.throughputRps)}`,
      relation: `${times(o.throughputRatio)}, overhead ${pct(o.overhead)}` +
        spread(o.roundOverhead),
      target: "— (reported)",
      met: "reported",
    },
    {
      id: "http.time.middlewareOnly",
      figure: "HTTP middleware+validation: time added per request vs bare",
      value: `+${micros(o.addedMicros)} (${micros(o.microsPerRequest)}/request)`,
      baseline: `bare ${micros(o.bareMicrosPerRequest)}/request`,
      relation: `${pct(o.addedTimeShare)} of bare`,
      target: "— (reported)",
      met: "reported",
    },
    stackRow(
      "http.stack.full",
      `HTTP full stack (SQLite + 3dEye stand-in at 0 ms) vs bare (c=${f.concurrency})`,
      f.stack.full,
    ),
    stackRow(
      "http.stack.storeOnly",
      "HTTP middleware+validation+SQLite read (3dEye off) vs bare",
      f.stack.storeOnly,
    ),
    {
      id: "http.p50",
      figure:
        `Diagnostics p50, 3dEye fixed ${f.latency.standinLatencyMs} ms (c=${f.latency.concurrency})`,
      value: `${ms(f.latency.p50Ms)} (p99 ${ms(f.latency.full.latencyMs.p99)})`,
      baseline: `stand-in direct p50 ${ms(f.latency.standinDirect.latencyMs.p50)}`,
      relation: `+${ms(f.latency.p50OverStandinMs)} (nominal ${f.latency.standinLatencyMs} ms: ` +
        `+${ms(f.latency.p50Ms - f.latency.standinLatencyMs)})`,
      target: `≤ stand-in + ${ms(LATENCY_ALLOWANCE_MS)}`,
      met: f.latency.met,
    },
  ];
}

function countedRows(f: CountedFigures): Check[] {
  const { dbRoundTrips: db, searchRoundTrips: search, warmTokenCalls: warm } = f;
  const burst = f.coldTokenBurst;
  const scan = (s: CountedFigures["largeCustomer"]) =>
    `${s.pagesFetched} pages (cap ${s.scanCap}, ${s.pageSize}/page), max ${s.maxPagesInFlight} in flight`;
  const scanMet = (s: CountedFigures["largeCustomer"]) =>
    s.pagesFetched === s.pagesWithinCap && s.maxPagesInFlight > 1 &&
    s.maxPagesInFlight <= s.pageConcurrency && s.remoteError === null;
  const counted = { baseline: "—", relation: "—" };
  return [
    {
      id: "counted.db",
      figure: "DB round trips per diagnostics request",
      value: `${db.perRequest} (${db.roundTrips}/${db.requests})`,
      ...counted,
      target: "= 1",
      met: db.perRequest === 1,
    },
    {
      id: "counted.search",
      figure: "DB round trips per search by email",
      value: `${search.perRequest} (${search.roundTrips}/${search.requests}; ` +
        `candidates ${search.candidates.join("/")})`,
      ...counted,
      target: "= 1",
      met: search.perRequest === 1,
    },
    {
      id: "counted.threedeye",
      figure: "3dEye calls per request, warm token, one-page customer",
      value: `${warm.perRequest} (token ${warm.tokenCalls}, pages ${warm.pageCalls}, ` +
        `by id ${warm.getUserCalls})`,
      ...counted,
      target: "≤ 2",
      met: warm.perRequest <= 2,
    },
    {
      id: "counted.token",
      figure: `Token requests for ${burst.concurrentRequests} concurrent cold requests`,
      value: `${burst.tokenRequests} (${burst.okResponses} reports OK)`,
      ...counted,
      target: "= 1",
      met: burst.tokenRequests === 1 && burst.okResponses === burst.concurrentRequests,
    },
    {
      id: "counted.pages",
      figure: `${f.largeCustomer.customerUsers}-user customer listing`,
      value: scan(f.largeCustomer),
      ...counted,
      target: `= ${f.largeCustomer.pagesWithinCap} pages, 1 < in flight ≤ ` +
        `${f.largeCustomer.pageConcurrency}`,
      met: scanMet(f.largeCustomer),
    },
    {
      id: "counted.pagesCapped",
      figure: `${f.largeCustomerCapped.customerUsers}-user customer, scan cap ` +
        `${f.largeCustomerCapped.scanCap}`,
      value: scan(f.largeCustomerCapped),
      ...counted,
      target: `= ${f.largeCustomerCapped.pagesWithinCap} pages, 1 < in flight ≤ ` +
        `${f.largeCustomerCapped.pageConcurrency}`,
      met: scanMet(f.largeCustomerCapped),
    },
    ...listingCacheRows(f.listingCache),
  ];
}

function listingCacheRows(f: CountedFigures["listingCache"]): Check[] {
  const { withinTtl: within, afterTtl: after, noCacheBurst: burst, cacheOff: off } = f;
  const customer = `${f.customerUsers.toLocaleString("en-US")}-user customer`;
  const counted = { baseline: "—", relation: "—" };
  return [
    {
      id: "counted.listing.ttl",
      figure: `${f.lookups} lookups of different users, ${customer}, within the TTL`,
      value: `${within.listings} listing, ${within.pages} pages (${within.correctReports} ` +
        "reports right)",
      baseline: `cache off: ${off.listings} listings, ${off.pages} pages`,
      relation: `${(off.pages / within.pages).toFixed(1)}× the pages without the cache`,
      target: "= 1 listing (100 pages)",
      met: within.listings === 1 && within.pages === 100 && within.correctReports === f.lookups,
    },
    {
      id: "counted.listing.refresh",
      figure: `The same ${f.lookups} lookups after the TTL (pages at ${after.pageLatencyMs} ms)`,
      value: `${after.refreshes} background refresh (${after.refreshPages} pages); ` +
        `${after.staleAnswers} answered from the stale listing, p50 ${ms(after.answerMs.p50)}, ` +
        `max ${ms(after.answerMs.max)}`,
      ...counted,
      relation: `refresh at ${after.refreshPagesAtLastAnswer}/100 pages when the last answer left`,
      target: "1 refresh, no lookup waits",
      met: after.refreshes === 1 && after.refreshed && after.staleAnswers === f.lookups &&
        after.correctReports === f.lookups && after.refreshPagesAtLastAnswer < 100,
    },
    {
      id: "counted.listing.noCache",
      figure: `${f.lookups} concurrent Cache-Control: no-cache lookups (pages at ` +
        `${burst.pageLatencyMs} ms)`,
      value: `${burst.listings} fresh listing (${burst.pages} pages), ` +
        `${burst.distinctFetchedAt} X-Remote-Fetched-At`,
      ...counted,
      target: "= 1 fresh listing, shared",
      met: burst.listings === 1 && burst.pages === 100 && burst.distinctFetchedAt === 1 &&
        burst.newerThanKept && burst.correctReports === f.lookups,
    },
  ];
}

function emailSearchRows(f: EmailSearchFigures): Check[] {
  const { withIndex: indexed, withoutIndex: scan } = f;
  // Microseconds for a seek, milliseconds for a scan.
  const duration = (value: number) => value < 1000 ? micros(value) : ms(value / 1000);
  const timing = (v: EmailSearchFigures["withIndex"]) =>
    `p50 ${duration(v.micros.p50)}, p99 ${duration(v.micros.p99)} (${v.searches} searches, ` +
    `${v.roundTripsPerSearch} round trip each)`;
  return [{
    id: "search.p50",
    figure: `Search by email, ${f.users.toLocaleString("en-US")} users (SQLite, store only): ` +
      "with the 0002 index",
    value: timing(indexed),
    baseline: `without: ${timing(scan)}`,
    relation: `${f.p50Speedup}× faster at p50`,
    target: "— (reported)",
    met: "reported",
  }];
}

function listingLatencyRows(f: ListingLatencyFigures): Check[] {
  const { warm, cold } = f;
  const customer = `${f.customerUsers.toLocaleString("en-US")}-user customer`;
  const latency = (t: ListingLatencyFigures["warm"]["lookup"]) =>
    `p50 ${ms(t.latencyMs.p50)}, p99 ${ms(t.latencyMs.p99)}`;
  return [
    {
      id: "listing.warm",
      figure: `Warm lookup (kept listing), ${customer}, ${warm.users} users, c=${warm.concurrency}`,
      value: latency(warm.lookup),
      baseline: `store-only (3dEye off) ${latency(warm.storeOnly)}`,
      relation: `${warm.p50OverStoreOnlyMs >= 0 ? "+" : ""}${
        warm.p50OverStoreOnlyMs.toFixed(3)
      } ms at p50`,
      target: `≤ store-only + ${ms(warm.allowanceMs)}`,
      met: warm.met,
    },
    {
      id: "listing.cold",
      figure: `Cold lookup (whole listing: ${f.pages} pages, ${f.pageConcurrency} in flight), ` +
        `${customer}, pages at ${cold.pageLatencyMs} ms, c=${cold.concurrency}`,
      value: latency(cold.lookup),
      baseline: `page latency × pages / concurrency: ${ms(cold.nominalMs)} nominal, ` +
        `${ms(cold.measuredMs)} with the page asked directly (p50 ` +
        `${ms(cold.pageDirect.latencyMs.p50)})`,
      relation: `${times(cold.ratioToNominal)} nominal, ${times(cold.ratioToMeasured)} measured`,
      target: "— (reported)",
      met: "reported",
    },
  ];
}

function listingMemoryRows(f: ListingMemoryFigures): Check[] {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const size = (users: number) => users.toLocaleString("en-US");
  return [{
    id: "listing.memory",
    figure: "Kept listing's index, retained heap (realistic ids and emails)",
    value: f.sizes.map((s) => `${size(s.users)} users ${mib(s.indexBytes)}`).join("; "),
    baseline: "raw { id, email } array: " +
      f.sizes.map((s) => `${size(s.users)} ${mib(s.rawUsersBytes)}`).join("; "),
    relation: f.sizes.map((s) => `${s.indexBytesPerUser} B/user`).join("; "),
    target: "— (reported; linear, capped by THREEDEYE_MAX_USERS)",
    met: "reported",
  }];
}

function coldStartRows(f: ColdStartFigures): Check[] {
  const m = f.medianMs;
  return [{
    id: "cold.deno",
    figure: `Cold start, Deno service: start → first 200 (median of ${f.runs})`,
    value: `${ms(m.serviceFirst200)} = ${times(f.ratioToHello)} hello`,
    baseline: `hello server ${ms(m.helloServerFirst200)}; library floor ` +
      `${ms(m.floorServerFirst200)} (${times(f.floorRatioToHello)} hello); empty script ` +
      ms(m.emptyScriptExit),
    relation: `+${ms(f.offsetOverFloorMs)} over the floor, +${ms(f.offsetOverHelloMs)} over hello`,
    target: f.boundBy === "target"
      ? `≤ ${f.targetMs} ms`
      : `≤ floor + ${Math.round(f.floorMargin * 100)}% = ${
        ms(f.boundMs)
      } (floor above ${f.targetMs} ms)`,
    met: f.met,
  }];
}

function workerStartupRows(f: WorkerStartupFigures): Check[] {
  return [{
    id: "cold.worker",
    figure: `Worker startup CPU in local workerd (wrangler check startup, median of ${f.runs})`,
    value: ms(f.medianMs),
    baseline: "—",
    relation: `runs ${ms(Math.min(...f.samplesMs))}–${ms(Math.max(...f.samplesMs))}; ` +
      `GC ${ms(f.gcMedianMs)}`,
    target: "— (Cloudflare's limit: 1 s)",
    met: "reported",
  }];
}

function bundleRow(id: string, name: string, b: BundleFigure): Check {
  const minified = b.minifiedGzipBytes === undefined
    ? ""
    : `; minified ${kib(b.minifiedGzipBytes)} gzip`;
  return {
    id,
    figure: `${name} gzip (${b.file})`,
    value: kib(b.gzipBytes),
    baseline: "—",
    relation: `raw ${kib(b.rawBytes)}${minified}`,
    target: `≤ ${kib(b.budgetBytes)}`,
    met: b.met,
  };
}

function loadRows(id: string, name: string, f: ServiceLoadFigures): Check[] {
  const { load, soak, lightSoak } = f;
  return [
    {
      id: `load.${id}`,
      figure: `Load ${name}: ${load.requests} reports at c=${load.concurrency}`,
      value: `${rps(load.report.throughputRps)}, p50 ${ms(load.report.latencyMs.p50)}, ` +
        `p99 ${ms(load.report.latencyMs.p99)}, ${load.errors} errors`,
      baseline: `/healthz ${rps(load.healthz.throughputRps)}`,
      relation: times(load.throughputRatioToHealthz),
      target: "0 errors",
      met: load.met,
    },
    soakRow(`soak.${id}`, name, soak),
    ...(lightSoak === undefined ? [] : [soakRow(`soak.${id}.light`, name, lightSoak)]),
  ];
}

function soakRow(id: string, name: string, soak: SoakFigures): Check {
  const server = soak.serverDurationMs === null
    ? ""
    : `; server-side max ${ms(soak.serverDurationMs.max)}`;
  return {
    id,
    figure: `Fault soak ${name}: ${soak.requests} at c=${soak.concurrency}, ⅓ 500, ⅓ stall, ` +
      `timeout ${soak.timeoutMs} ms`,
    value: `${soak.fiveXx} 5xx, ${soak.remoteErrors} in remote.error, max ` +
      `${ms(soak.report.latencyMs.max)}, ${soak.overBound} over bound${server}`,
    baseline: "—",
    relation: `p99 ${ms(soak.report.latencyMs.p99)}`,
    target: `0 5xx; all ≤ ${soak.boundMs} ms (timeout+10%+${soak.allowanceMs})`,
    met: soak.met,
  };
}
