/**
 * Load plans and their figures. A plan is what the orchestrator sends to the load-generator
 * process (`load_client.ts`) on stdin; the figures are what comes back on stdout.
 *
 * - `single`: one target, N requests at concurrency C (the 5,000 × 100 load and the fault soak).
 * - `interleaved`: several targets measured in alternating rounds (full stack, bare route, …)
 *   after a discarded warm-up, so that drift on a shared machine (another process waking up,
 *   CPU frequency, GC) lands on every target alike instead of on whichever ran second.
 *
 * @module
 */
import { type LoadOutcome, runLoad } from "./load_run.ts";
import { type LatencySummary, round, summarizeLatencies } from "../shared/stats.ts";
import type { ReportTally } from "./load_run.ts";

/** Where one target's requests go. Headers may hold credentials: never print a plan. */
export interface LoadTarget {
  name: string;
  /** URLs in rotation. */
  urls: string[];
  headers: Record<string, string>;
  /** Read each 200 as a diagnostics report and tally `remote.error` (default false). */
  inspectReports?: boolean;
  /** Count answers slower than this many ms. */
  latencyBoundMs?: number;
  /** Interleaved plans: this target's requests per round, instead of the plan's. */
  requestsPerRound?: number;
}

/** One target, one run. */
export interface SingleLoadPlan {
  kind: "single";
  target: LoadTarget;
  requests: number;
  concurrency: number;
  maxDurationMs: number;
  requestTimeoutMs?: number;
}

/** Several targets in alternating rounds. */
export interface InterleavedLoadPlan {
  kind: "interleaved";
  targets: LoadTarget[];
  concurrency: number;
  /** Requests per target before measuring (discarded). */
  warmupRequests: number;
  rounds: number;
  requestsPerRound: number;
  /** A target stops taking rounds once its measured time reaches this. */
  maxMsPerTarget: number;
  requestTimeoutMs?: number;
}

/** A load plan. */
export type LoadPlan = SingleLoadPlan | InterleavedLoadPlan;

/** The figures of one target. */
export interface TargetFigures {
  requests: number;
  elapsedMs: number;
  /** Completed requests per second of measured time. */
  throughputRps: number;
  /** The same, round by round (interleaved plans; one entry for a single run). */
  roundThroughputRps: number[];
  latencyMs: LatencySummary;
  statuses: Record<string, number>;
  networkErrors: number;
  networkErrorSamples: string[];
  /** Answers slower than the target's `latencyBoundMs`. */
  overBound: number;
  reports?: ReportTally;
}

/**
 * Throws unless every request of a measured target was answered 200 (and there was at least one):
 * a figure over errors or an empty run measures nothing.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { assertAllOk } from "./load_plan.ts";
 * const run = { requests: 10, statuses: { "200": 9, "503": 1 }, networkErrors: 0 };
 * assertThrows(() => assertAllOk("full", run), Error, "1 of 10 requests were not 200");
 * ```
 */
export function assertAllOk(
  name: string,
  target: Pick<TargetFigures, "requests" | "statuses" | "networkErrors">,
): void {
  const ok = target.statuses["200"] ?? 0;
  if (ok !== target.requests || target.requests === 0) {
    throw new Error(
      `Measuring ${name} failed: ${target.requests - ok} of ${target.requests} requests were ` +
        `not 200 (${JSON.stringify(target.statuses)}, network errors: ${target.networkErrors}).`,
    );
  }
}

/** Figures by target name. */
export type PlanFigures = Record<string, TargetFigures>;

/**
 * Runs `plan` from this process.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runLoadPlan } from "./load_plan.ts";
 * const fakeFetch = () => Promise.resolve(new Response("ok"));
 * const figures = await runLoadPlan({
 *   kind: "interleaved", concurrency: 2, warmupRequests: 2, rounds: 2, requestsPerRound: 5,
 *   maxMsPerTarget: 1000,
 *   targets: [
 *     { name: "a", urls: ["http://127.0.0.1:1/a"], headers: {} },
 *     { name: "b", urls: ["http://127.0.0.1:1/b"], headers: {} },
 *   ],
 * }, fakeFetch);
 * assertEquals(figures.a.requests, 10);
 * assertEquals(figures.b.requests, 10);
 * ```
 */
export async function runLoadPlan(plan: LoadPlan, fetchImpl?: typeof fetch): Promise<PlanFigures> {
  if (plan.kind === "single") {
    const outcome = await runLoad({
      urls: plan.target.urls,
      headers: plan.target.headers,
      requests: plan.requests,
      concurrency: plan.concurrency,
      maxDurationMs: plan.maxDurationMs,
      requestTimeoutMs: plan.requestTimeoutMs,
      inspectReports: plan.target.inspectReports,
      latencyBoundMs: plan.target.latencyBoundMs,
      fetch: fetchImpl,
    });
    return { [plan.target.name]: figuresOf([outcome]) };
  }
  const measured = new Map<string, LoadOutcome[]>(plan.targets.map((t) => [t.name, []]));
  const runTarget = (target: LoadTarget, requests: number) =>
    runLoad({
      urls: target.urls,
      headers: target.headers,
      requests,
      concurrency: plan.concurrency,
      requestTimeoutMs: plan.requestTimeoutMs,
      inspectReports: target.inspectReports,
      latencyBoundMs: target.latencyBoundMs,
      fetch: fetchImpl,
    });
  if (plan.warmupRequests > 0) {
    for (const target of plan.targets) await runTarget(target, plan.warmupRequests);
  }
  for (let round = 0; round < plan.rounds; round++) {
    // Rotate the order so that every target goes first equally often.
    const order = plan.targets.map((_, i) => plan.targets[(i + round) % plan.targets.length]);
    for (const target of order) {
      const outcomes = measured.get(target.name)!;
      const spent = outcomes.reduce((total, o) => total + o.elapsedMs, 0);
      if (spent >= plan.maxMsPerTarget) continue;
      outcomes.push(await runTarget(target, target.requestsPerRound ?? plan.requestsPerRound));
    }
  }
  return Object.fromEntries([...measured].map(([name, outcomes]) => [name, figuresOf(outcomes)]));
}

/** Merges the outcomes of one target's rounds into its figures. */
export function figuresOf(outcomes: readonly LoadOutcome[]): TargetFigures {
  const latencies = outcomes.flatMap((o) => o.latenciesMs);
  const requests = outcomes.reduce((total, o) => total + o.requests, 0);
  const elapsedMs = outcomes.reduce((total, o) => total + o.elapsedMs, 0);
  const statuses: Record<string, number> = {};
  for (const o of outcomes) {
    for (const [status, n] of Object.entries(o.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + n;
    }
  }
  const inspected = outcomes.filter((o) => o.reports !== undefined);
  const figures: TargetFigures = {
    requests,
    elapsedMs: round(elapsedMs, 1),
    throughputRps: elapsedMs > 0 ? round((requests / elapsedMs) * 1000, 1) : 0,
    roundThroughputRps: outcomes.map((o) =>
      o.elapsedMs > 0 ? round((o.requests / o.elapsedMs) * 1000, 1) : 0
    ),
    latencyMs: summarizeLatencies(latencies),
    statuses,
    networkErrors: outcomes.reduce((total, o) => total + o.networkErrors, 0),
    networkErrorSamples: outcomes.flatMap((o) => o.networkErrorSamples).slice(0, 3),
    overBound: outcomes.reduce((total, o) => total + o.overBound, 0),
  };
  if (inspected.length > 0) {
    const reports: ReportTally = { remoteErrors: 0, remoteErrorMessages: {}, malformed: 0 };
    for (const { reports: r } of inspected) {
      reports.remoteErrors += r!.remoteErrors;
      reports.malformed += r!.malformed;
      for (const [message, n] of Object.entries(r!.remoteErrorMessages)) {
        reports.remoteErrorMessages[message] = (reports.remoteErrorMessages[message] ?? 0) + n;
      }
    }
    figures.reports = reports;
  }
  return figures;
}
