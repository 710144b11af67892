/**
 * HTTP cost of the full stack against a bare Hono route, in ONE server process, measured by a
 * load generator in ANOTHER process, with the 3dEye stand-in in a THIRD (this one):
 *
 * 1. Overhead, its own phase: the middleware-only variant (our middleware + validation + the
 *    report + JSON, over in-memory snapshots: no database, no 3dEye call) against the bare route
 *    answering the same report, alternating in many rounds (default 20 × 3,000 requests each).
 *    Only these two run in this phase: interleaved with the heavy variants, whichever target
 *    followed a full-stack round paid for that round's garbage and timers (measured: the same
 *    code read +15 and +17 µs per request interleaved, +6 to +8 µs alone; BENCHMARKS.md). Overhead = 1 − variant/bare throughput; also
 *    as time: the microseconds it adds per request over the bare route, as a share of the bare
 *    route's microseconds per request (= bare/variant − 1, larger than 1 − variant/bare).
 * 2. Stack costs, reported: the full route and the store-only variant (no 3dEye call) against
 *    the bare route, in interleaved rounds, 3dEye latency 0: what the database read and the 3dEye
 *    call add (these are I/O, not middleware: no target applies).
 * 3. Latency, 3dEye latency fixed (default 50 ms), low concurrency: p50 of the full route vs
 *    that latency (the database reads and the probe run concurrently, so p50 should be the
 *    latency plus a few milliseconds, not the sum).
 *
 * Every report here makes its own 3dEye probe: the listing cache is off (`LISTING_CACHE_OFF`);
 * `listing_latency.ts` measures lookups with it.
 *
 * @module
 */
import { DEMO_THREEDEYE_CREDENTIALS, startThreedeyeStandin } from "@spkey/testkit";
import { BENCH_APP_HEADER, MIDDLEWARE_ONLY_VALUE, STORE_ONLY_VALUE } from "./bench_app.ts";
import {
  adminHeaders,
  diagnosticsUrls,
  LISTING_CACHE_OFF,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
  standinAccessToken,
} from "../shared/bench_fixture.ts";
import { startBenchServer } from "./bench_server_process.ts";
import { spawnLoadClient } from "../load/load_client_process.ts";
import { assertAllOk, type TargetFigures } from "../load/load_plan.ts";
import { round } from "../shared/stats.ts";

/** Bounds and knobs of {@linkcode measureHttpOverhead}. */
export interface HttpOverheadOptions {
  /** In-flight requests during the throughput rounds (default 16). */
  concurrency?: number;
  /** Overhead phase: warm-up requests per target (default 2,000). */
  overheadWarmupRequests?: number;
  /** Overhead phase: rounds (default 20) of `overheadRequestsPerRound` (default 3,000). */
  overheadRounds?: number;
  overheadRequestsPerRound?: number;
  /** Stack phase: requests per target before measuring (default 1,000). */
  warmupRequests?: number;
  /** Stack phase: rounds (default 5) of `requestsPerRound` (default 1,000) per target. */
  rounds?: number;
  requestsPerRound?: number;
  /** Stack phase: requests per round of the bare route (default 2,000). */
  bareRequestsPerRound?: number;
  /** Time bound per target and phase (default 15 s). */
  maxMsPerTarget?: number;
  /** The stand-in's fixed latency in the latency run (default 50 ms). */
  latencyMs?: number;
  /** Requests (default 200) and concurrency (default 4) of the latency run. */
  latencyRequests?: number;
  latencyConcurrency?: number;
  /** Extra settings for the bench server (e.g. `LOG_LEVEL`), for experiments. */
  settings?: Record<string, string>;
}

/**
 * The latency target: p50 ≤ the stand-in's latency + this. "The stand-in's latency" is judged
 * as measured in the same run (the stand-in asked directly answers a little after its nominal
 * latency: timers fire late and its listing yields once); the nominal comparison is reported
 * beside it.
 */
export const LATENCY_ALLOWANCE_MS = 5;

/** One variant against the bare route measured in the same phase. */
export interface VariantComparison {
  variant: TargetFigures;
  bare: TargetFigures;
  /** Variant throughput / bare throughput. */
  throughputRatio: number;
  /** 1 − throughput ratio: the share of capacity the variant costs over the bare route. */
  overhead: number;
  /** The same overhead round by round (round i of the variant against round i of bare). */
  roundOverhead: number[];
  /** Time per request implied by throughput (µs; client and server share the 2 cores). */
  microsPerRequest: number;
  bareMicrosPerRequest: number;
  /** Microseconds per request the variant adds over the bare route. */
  addedMicros: number;
  /** `addedMicros` as a share of the bare route's microseconds per request. */
  addedTimeShare: number;
}

/** The figures. */
export interface HttpOverheadFigures {
  concurrency: number;
  /** The overhead phase: middleware-only against bare, alone (reported, not judged). */
  overhead: VariantComparison & { rounds: number; requestsPerRound: number };
  /** The reported phase: full and store-only against bare. */
  stack: Record<"full" | "storeOnly", VariantComparison>;
  /** 3dEye calls the stand-in served per full-route request during the stack rounds. */
  threedeyeCallsPerFullRequest: number;
  latency: {
    standinLatencyMs: number;
    concurrency: number;
    full: TargetFigures;
    /** The stand-in's listing asked directly (same run, same concurrency). */
    standinDirect: TargetFigures;
    p50Ms: number;
    /** p50 of the full route minus p50 of the stand-in asked directly. */
    p50OverStandinMs: number;
    /** Stand-in direct p50 + allowance: the target. */
    targetMs: number;
    met: boolean;
    /** Nominal latency + allowance, and whether p50 is within it too. */
    nominalTargetMs: number;
    nominalMet: boolean;
  };
}

/**
 * Compares `variant` with `bare` measured in the same interleaved phase.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compareWithBare } from "./http_overhead.ts";
 * import { figuresOf } from "../load/load_plan.ts";
 * const outcome = (requests: number, elapsedMs: number) => ({
 *   requests, elapsedMs, latenciesMs: [1], statuses: { "200": requests }, networkErrors: 0,
 *   networkErrorSamples: [], overBound: 0,
 * });
 * const c = compareWithBare(figuresOf([outcome(800, 100)]), figuresOf([outcome(1000, 100)]));
 * assertEquals([c.overhead, c.addedTimeShare, c.addedMicros], [0.2, 0.25, 25]);
 * ```
 */
export function compareWithBare(variant: TargetFigures, bare: TargetFigures): VariantComparison {
  const micros = 1e6 / variant.throughputRps;
  const bareMicros = 1e6 / bare.throughputRps;
  const ratio = variant.throughputRps / bare.throughputRps;
  return {
    variant,
    bare,
    throughputRatio: round(ratio, 3),
    overhead: round(1 - ratio, 3),
    roundOverhead: variant.roundThroughputRps.slice(0, bare.roundThroughputRps.length)
      .map((value, i) => round(1 - value / bare.roundThroughputRps[i], 3)),
    microsPerRequest: round(micros, 1),
    bareMicrosPerRequest: round(bareMicros, 1),
    addedMicros: round(micros - bareMicros, 1),
    addedTimeShare: round(micros / bareMicros - 1, 3),
  };
}

/** Runs the three phases (about 20 s on this 2-core machine). */
export async function measureHttpOverhead(
  options: HttpOverheadOptions = {},
): Promise<HttpOverheadFigures> {
  const concurrency = options.concurrency ?? 16;
  const latencyMs = options.latencyMs ?? 50;
  const maxMsPerTarget = options.maxMsPerTarget ?? 15_000;
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-http-" });
  const standin = startThreedeyeStandin({ latencyMs: 0 });
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  try {
    const credentials = randomCredentials();
    server = await startBenchServer(serviceSettings({
      credentials,
      threedeyeUrl: standin.url,
      databasePath: prepareBenchDatabase(dir),
      extra: { ...LISTING_CACHE_OFF, ...options.settings },
    }));
    const headers = await adminHeaders(credentials);
    const base = server.baseUrl;
    const full = { name: "full", urls: diagnosticsUrls(base), headers };
    const storeOnly = {
      name: "storeOnly",
      urls: diagnosticsUrls(base),
      headers: { ...headers, [BENCH_APP_HEADER]: STORE_ONLY_VALUE },
    };
    const middlewareOnly = {
      name: "middlewareOnly",
      urls: diagnosticsUrls(base),
      headers: { ...headers, [BENCH_APP_HEADER]: MIDDLEWARE_ONLY_VALUE },
    };
    const bare = { name: "bare", urls: diagnosticsUrls(base, "/bare"), headers };

    // 1. The judged phase: middleware-only and bare alone, alternating.
    const overheadRounds = options.overheadRounds ?? 20;
    const overheadRequestsPerRound = options.overheadRequestsPerRound ?? 3_000;
    const pair = await spawnLoadClient({
      kind: "interleaved",
      targets: [middlewareOnly, bare],
      concurrency,
      warmupRequests: options.overheadWarmupRequests ?? 2_000,
      rounds: overheadRounds,
      requestsPerRound: overheadRequestsPerRound,
      maxMsPerTarget,
    });
    for (const [name, target] of Object.entries(pair)) assertAllOk(name, target);

    // 2. The reported phase: what the database read and the 3dEye call add.
    standin.resetCounts();
    const warmupFull = options.warmupRequests ?? 1_000;
    const stack = await spawnLoadClient({
      kind: "interleaved",
      targets: [full, storeOnly, {
        ...bare,
        requestsPerRound: options.bareRequestsPerRound ?? 2_000,
      }],
      concurrency,
      warmupRequests: warmupFull,
      rounds: options.rounds ?? 5,
      requestsPerRound: options.requestsPerRound ?? 1_000,
      maxMsPerTarget,
    });
    const { token, pages, getUser } = standin.counts;
    const threedeyeCallsPerFullRequest = round(
      (token + pages + getUser) / (stack.full.requests + warmupFull),
      3,
    );
    for (const [name, target] of Object.entries(stack)) assertAllOk(name, target);

    // 3. Latency with a fixed 3dEye latency.
    standin.setLatency(latencyMs);
    // The stand-in asked directly, at the same concurrency, is the same-run baseline: it shows
    // what the fixed latency really is on this machine (timers fire a little late).
    const latencyRun = await spawnLoadClient({
      kind: "interleaved",
      targets: [full, {
        name: "standinDirect",
        urls: [`${standin.url}/users?page=1&pageSize=100`],
        headers: {
          authorization: `Bearer ${await standinAccessToken(standin.url)}`,
          "x-api-key": DEMO_THREEDEYE_CREDENTIALS.apiKey,
        },
      }],
      concurrency: options.latencyConcurrency ?? 4,
      warmupRequests: 0,
      rounds: 2,
      requestsPerRound: Math.ceil((options.latencyRequests ?? 200) / 2),
      maxMsPerTarget: 10_000,
    });
    assertAllOk("latency run", latencyRun.full);
    assertAllOk("latency baseline", latencyRun.standinDirect);

    const p50Ms = latencyRun.full.latencyMs.p50;
    const standinP50 = latencyRun.standinDirect.latencyMs.p50;
    return {
      concurrency,
      overhead: {
        ...compareWithBare(pair.middlewareOnly, pair.bare),
        rounds: overheadRounds,
        requestsPerRound: overheadRequestsPerRound,
      },
      stack: {
        full: compareWithBare(stack.full, stack.bare),
        storeOnly: compareWithBare(stack.storeOnly, stack.bare),
      },
      threedeyeCallsPerFullRequest,
      latency: {
        standinLatencyMs: latencyMs,
        concurrency: options.latencyConcurrency ?? 4,
        full: latencyRun.full,
        standinDirect: latencyRun.standinDirect,
        p50Ms,
        p50OverStandinMs: round(p50Ms - standinP50, 2),
        targetMs: round(standinP50 + LATENCY_ALLOWANCE_MS, 2),
        met: p50Ms <= standinP50 + LATENCY_ALLOWANCE_MS,
        nominalTargetMs: latencyMs + LATENCY_ALLOWANCE_MS,
        nominalMet: p50Ms <= latencyMs + LATENCY_ALLOWANCE_MS,
      },
    };
  } finally {
    await server?.close();
    await standin.close();
    await Deno.remove(dir, { recursive: true });
  }
}
