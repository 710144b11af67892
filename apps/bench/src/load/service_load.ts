/**
 * Load and fault soak against a running service (the Deno edge service or the Worker in
 * workerd), from the separate load-generator process:
 *
 * - LOAD: the diagnostics route of the demo users, N requests at concurrency C, interleaved with
 *   the same count against the service's own `/healthz` as the same-run baseline (the ratio
 *   says what a report costs over the service's cheapest answer). Target: zero errors.
 * - SOAK: the same load while the 3dEye calls go through the mixed-fault proxy (a third fail
 *   with 500, a third stall beyond the timeout). Targets: no 5xx of ours, every failure inside
 *   `remote.error` of a 200 report, and every response within timeout + 10% + a fixed allowance.
 *
 * @module
 */
import { diagnosticsUrls } from "../shared/bench_fixture.ts";
import { spawnLoadClient } from "./load_client_process.ts";
import type { TargetFigures } from "./load_plan.ts";
import type { ProxyCounts } from "./mixed_fault_proxy.ts";
import { type LatencySummary, round, summarizeLatencies } from "../shared/stats.ts";

/** Requests and concurrency of the load and the soak. */
export const LOAD_SHAPE = { requests: 5_000, concurrency: 100 } as const;
/** The 3dEye timeout the soak configures (THREEDEYE_TIMEOUT_MS). */
export const SOAK_TIMEOUT_MS = 300;
/**
 * The fixed allowance on top of timeout + 10%: the database read (well under a millisecond on
 * SQLite, a few on D1) plus queueing of 100 concurrent requests on one event loop of a shared
 * 2-core machine, and the load generator's own scheduling.
 */
export const SOAK_ALLOWANCE_MS = 50;

/** A service under load. */
export interface ServiceUnderLoad {
  baseUrl: string;
  headers: Record<string, string>;
  /** The service's JSON log lines so far (for the server-side durations of the soak). */
  jsonLogs?: () => Array<Record<string, unknown>>;
  /** 3dEye calls the stand-in has served so far. */
  threedeyeCalls: () => number;
}

/** Requests per interleaved round of the `/healthz` baseline (5 rounds). */
const HEALTHZ_PER_ROUND = 200;
/** Untimed requests per target before the load. */
const WARMUP_REQUESTS = 200;

/** The route pattern the request log names for the diagnostics route. */
const REPORT_ROUTE = "/admin/threedeye/users/:userId";

/** Load figures. */
export interface LoadFigures {
  requests: number;
  concurrency: number;
  report: TargetFigures;
  /** The same load against `/healthz` (baseline). */
  healthz: TargetFigures;
  /** Report throughput / healthz throughput. */
  throughputRatioToHealthz: number;
  /** 3dEye calls per report request (warm-up included; one-page customer, token cached). */
  threedeyeCallsPerReport: number;
  /** Network errors + non-200 answers on the report route. */
  errors: number;
  met: boolean;
}

/** Soak figures. */
export interface SoakFigures {
  requests: number;
  concurrency: number;
  timeoutMs: number;
  allowanceMs: number;
  /** timeout × 1.1 + allowance. */
  boundMs: number;
  report: TargetFigures;
  /** 5xx answers (ours: the upstream's 500s must never come through). */
  fiveXx: number;
  /** Network errors + non-200 answers. */
  errors: number;
  /** 200 reports whose remote.error says what failed. */
  remoteErrors: number;
  /** Answers (as the load generator saw them) slower than the bound. */
  overBound: number;
  withinBound: boolean;
  /**
   * The service's own `durationMs` of the report route (its request log): the time inside the
   * server, without the load generator's and the kernel's queueing. Null when logs were not kept.
   */
  serverDurationMs: LatencySummary | null;
  serverWithinBound: boolean | null;
  proxy: ProxyCounts;
  met: boolean;
}

/**
 * The load: `requests` on the report route and 1,000 on `/healthz`, interleaved in 5 rounds.
 */
export async function runLoad(
  service: ServiceUnderLoad,
  shape: { requests: number; concurrency: number } = LOAD_SHAPE,
): Promise<LoadFigures> {
  const rounds = 5;
  const callsBefore = service.threedeyeCalls();
  const figures = await spawnLoadClient({
    kind: "interleaved",
    targets: [
      {
        name: "report",
        urls: diagnosticsUrls(service.baseUrl),
        headers: service.headers,
        inspectReports: true,
      },
      {
        name: "healthz",
        urls: [`${service.baseUrl}/healthz`],
        headers: {},
        requestsPerRound: HEALTHZ_PER_ROUND,
      },
    ],
    concurrency: shape.concurrency,
    warmupRequests: WARMUP_REQUESTS,
    rounds,
    requestsPerRound: Math.ceil(shape.requests / rounds),
    maxMsPerTarget: 60_000,
    requestTimeoutMs: 30_000,
  });
  const { report, healthz } = figures;
  const errors = report.networkErrors + report.requests - (report.statuses["200"] ?? 0);
  return {
    requests: report.requests,
    concurrency: shape.concurrency,
    report,
    healthz,
    throughputRatioToHealthz: round(report.throughputRps / healthz.throughputRps, 3),
    threedeyeCallsPerReport: round(
      (service.threedeyeCalls() - callsBefore) / (report.requests + WARMUP_REQUESTS),
      3,
    ),
    errors,
    met: errors === 0 && (report.reports?.remoteErrors ?? 0) === 0 &&
      report.requests >= shape.requests,
  };
}

/**
 * The soak: the report route only, while `proxy` (already in front of 3dEye) injects faults.
 */
export async function runSoak(
  service: ServiceUnderLoad,
  proxy: { counts: Readonly<ProxyCounts> },
  shape: { requests: number; concurrency: number } = LOAD_SHAPE,
): Promise<SoakFigures> {
  const boundMs = round(SOAK_TIMEOUT_MS * 1.1 + SOAK_ALLOWANCE_MS, 1);
  // Counters and logs are cumulative over a service's life: keep only this soak's share.
  const proxyBefore = { ...proxy.counts };
  const logsBefore = service.jsonLogs?.().length ?? 0;
  const figures = await spawnLoadClient({
    kind: "single",
    target: {
      name: "report",
      urls: diagnosticsUrls(service.baseUrl),
      headers: service.headers,
      inspectReports: true,
      latencyBoundMs: boundMs,
    },
    requests: shape.requests,
    concurrency: shape.concurrency,
    maxDurationMs: 120_000,
    requestTimeoutMs: 10_000,
  });
  const report = figures.report;
  const fiveXx = Object.entries(report.statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((total, [, n]) => total + n, 0);
  const errors = report.networkErrors + report.requests - (report.statuses["200"] ?? 0);
  const withinBound = report.overBound === 0;
  const remoteErrors = report.reports?.remoteErrors ?? 0;
  const serverDurationMs = service.jsonLogs
    ? reportDurations(service.jsonLogs().slice(logsBefore))
    : null;
  return {
    requests: report.requests,
    concurrency: shape.concurrency,
    timeoutMs: SOAK_TIMEOUT_MS,
    allowanceMs: SOAK_ALLOWANCE_MS,
    boundMs,
    report,
    fiveXx,
    errors,
    remoteErrors,
    overBound: report.overBound,
    withinBound,
    serverDurationMs,
    serverWithinBound: serverDurationMs === null ? null : serverDurationMs.max <= boundMs,
    proxy: {
      pass: proxy.counts.pass - proxyBefore.pass,
      fail: proxy.counts.fail - proxyBefore.fail,
      stall: proxy.counts.stall - proxyBefore.stall,
    },
    met: errors === 0 && fiveXx === 0 && withinBound && remoteErrors > 0 &&
      (report.reports?.malformed ?? 0) === 0 && report.requests >= shape.requests,
  };
}

/** The `durationMs` of every report-route request line in `lines`. */
export function reportDurations(lines: ReadonlyArray<Record<string, unknown>>): LatencySummary {
  return summarizeLatencies(
    lines.flatMap((line) =>
      line.msg === "request" && line.route === REPORT_ROUTE && typeof line.durationMs === "number"
        ? [line.durationMs]
        : []
    ),
  );
}
