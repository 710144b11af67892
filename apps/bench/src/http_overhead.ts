/**
 * HTTP cost of the full stack against a bare Hono route, in ONE server process, measured by a
 * load generator in ANOTHER process, with the 3dEye stand-in in a THIRD (this one):
 *
 * 1. Throughput, 3dEye latency 0: the full route, the store-only variant (no 3dEye call), the
 *    middleware-only variant (no 3dEye call, in-memory snapshots: no database either) and the
 *    bare route answering the full route's JSON, in interleaved rounds. Overhead = 1 − variant/
 *    bare (throughput ratio). Middleware-only is our middleware + validation alone; it is also
 *    given as time: the microseconds it adds per request over the bare route, as a share of the
 *    bare route's microseconds per request (= bare/variant − 1, larger than 1 − variant/bare).
 * 2. Latency, 3dEye latency fixed (default 50 ms), low concurrency: p50 of the full route vs
 *    that latency (the database reads and the probe run concurrently, so p50 should be the
 *    latency plus a few milliseconds, not the sum).
 *
 * @module
 */
import { DEMO_THREEDEYE_CREDENTIALS, startThreedeyeStandin } from "@spkey/standins";
import { BENCH_APP_HEADER, MIDDLEWARE_ONLY_VALUE, STORE_ONLY_VALUE } from "./bench_app.ts";
import {
  adminHeaders,
  diagnosticsUrls,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
} from "./bench_fixture.ts";
import { startBenchServer } from "./bench_server_process.ts";
import { spawnLoadClient } from "./load_client_process.ts";
import type { TargetFigures } from "./load_plan.ts";
import { round } from "./stats.ts";

/** Bounds and knobs of {@linkcode measureHttpOverhead}. */
export interface HttpOverheadOptions {
  /** In-flight requests during the throughput rounds (default 16). */
  concurrency?: number;
  /** Requests per target before measuring (default 1,000). */
  warmupRequests?: number;
  /** Rounds (default 5) of `requestsPerRound` (default 1,000) per target: 5,000 requests. */
  rounds?: number;
  requestsPerRound?: number;
  /**
   * Requests per round of the two fast targets, middleware-only and bare (default 2,000), so
   * that their rounds, too, last a few hundred milliseconds: a round of 40 ms (400 bare
   * requests) is at the mercy of one scheduling burst on a shared machine.
   */
  fastRequestsPerRound?: number;
  /** Time bound per target (default 10 s). */
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
 * The overhead target: 1 − variant/bare throughput at most 30% (3dEye latency 0); for
 * middleware-only, also the added time per request at most 30% of the bare route's.
 */
export const OVERHEAD_TARGET = 0.3;
/**
 * The latency target: p50 ≤ the stand-in's latency + this. "The stand-in's latency" is judged
 * as measured in the same run (the stand-in asked directly answers a little after its nominal
 * latency: timers fire late and its listing yields once); the nominal comparison is reported
 * beside it.
 */
export const LATENCY_ALLOWANCE_MS = 5;

/** The variants measured against the bare route. */
export type HttpVariant = "full" | "storeOnly" | "middlewareOnly";

/** The figures. */
export interface HttpOverheadFigures {
  concurrency: number;
  targets: Record<HttpVariant | "bare", TargetFigures>;
  /** Throughput of each variant divided by the bare route's. */
  throughputRatio: Record<HttpVariant, number>;
  /** 1 − throughput ratio: the share of capacity our stack costs over the bare route. */
  overhead: Record<HttpVariant, number>;
  /** The same overhead round by round (round i of the variant against round i of bare). */
  roundOverhead: Record<HttpVariant, number[]>;
  overheadTarget: number;
  /** Time per request implied by throughput (µs; client and server share the 2 cores). */
  microsPerRequest: Record<HttpVariant | "bare", number>;
  /** Microseconds per request each variant adds over the bare route. */
  addedMicros: Record<HttpVariant, number>;
  /** `addedMicros` as a share of the bare route's microseconds per request. */
  addedTimeShare: Record<HttpVariant, number>;
  /** 3dEye calls the stand-in served per full-route request during the throughput rounds. */
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

/** Runs both measurements (about 11 s on this 2-core machine). */
export async function measureHttpOverhead(
  options: HttpOverheadOptions = {},
): Promise<HttpOverheadFigures> {
  const concurrency = options.concurrency ?? 16;
  const latencyMs = options.latencyMs ?? 50;
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-http-" });
  const standin = startThreedeyeStandin({ latencyMs: 0 });
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  try {
    const credentials = randomCredentials();
    server = await startBenchServer(serviceSettings({
      credentials,
      threedeyeUrl: standin.url,
      databasePath: prepareBenchDatabase(dir),
      extra: options.settings,
    }));
    const headers = await adminHeaders(credentials);
    const base = server.baseUrl;
    const full = { name: "full", urls: diagnosticsUrls(base), headers };
    const storeOnly = {
      name: "storeOnly",
      urls: diagnosticsUrls(base),
      headers: { ...headers, [BENCH_APP_HEADER]: STORE_ONLY_VALUE },
    };
    const fastRequestsPerRound = options.fastRequestsPerRound ?? 2_000;
    const middlewareOnly = {
      name: "middlewareOnly",
      urls: diagnosticsUrls(base),
      headers: { ...headers, [BENCH_APP_HEADER]: MIDDLEWARE_ONLY_VALUE },
      requestsPerRound: fastRequestsPerRound,
    };
    const bare = {
      name: "bare",
      urls: diagnosticsUrls(base, "/bare"),
      headers,
      requestsPerRound: fastRequestsPerRound,
    };

    standin.resetCounts();
    const figures = await spawnLoadClient({
      kind: "interleaved",
      targets: [full, storeOnly, middlewareOnly, bare],
      concurrency,
      warmupRequests: options.warmupRequests ?? 1_000,
      rounds: options.rounds ?? 5,
      requestsPerRound: options.requestsPerRound ?? 1_000,
      maxMsPerTarget: options.maxMsPerTarget ?? 10_000,
    });
    const warmupFull = options.warmupRequests ?? 1_000;
    const { token, pages, getUser } = standin.counts;
    const threedeyeCallsPerFullRequest = round(
      (token + pages + getUser) / (figures.full.requests + warmupFull),
      3,
    );
    for (const [name, target] of Object.entries(figures)) assertAllOk(name, target);

    standin.setLatency(latencyMs);
    // The stand-in asked directly, at the same concurrency, is the same-run baseline: it shows
    // what the fixed latency really is on this machine (timers fire a little late).
    const latencyRun = await spawnLoadClient({
      kind: "interleaved",
      targets: [full, {
        name: "standinDirect",
        urls: [`${standin.url}/users?page=1&pageSize=100`],
        headers: { authorization: `Bearer ${await standinToken(standin.url)}` },
      }],
      concurrency: options.latencyConcurrency ?? 4,
      warmupRequests: 0,
      rounds: 2,
      requestsPerRound: Math.ceil((options.latencyRequests ?? 200) / 2),
      maxMsPerTarget: 10_000,
    });
    assertAllOk("latency run", latencyRun.full);
    assertAllOk("latency baseline", latencyRun.standinDirect);

    const variants: HttpVariant[] = ["full", "storeOnly", "middlewareOnly"];
    const byVariant = <T>(value: (name: HttpVariant) => T) =>
      Object.fromEntries(variants.map((name) => [name, value(name)])) as Record<HttpVariant, T>;
    const rps = (name: string) => figures[name].throughputRps;
    const ratio = (name: string) => round(rps(name) / rps("bare"), 3);
    const micros = (name: string) => 1e6 / rps(name);
    const bareRounds = figures.bare.roundThroughputRps;
    const p50Ms = latencyRun.full.latencyMs.p50;
    const standinP50 = latencyRun.standinDirect.latencyMs.p50;
    return {
      concurrency,
      targets: {
        full: figures.full,
        storeOnly: figures.storeOnly,
        middlewareOnly: figures.middlewareOnly,
        bare: figures.bare,
      },
      throughputRatio: byVariant(ratio),
      overhead: byVariant((name) => round(1 - ratio(name), 3)),
      roundOverhead: byVariant((name) =>
        figures[name].roundThroughputRps.slice(0, bareRounds.length)
          .map((value, i) => round(1 - value / bareRounds[i], 3))
      ),
      overheadTarget: OVERHEAD_TARGET,
      microsPerRequest: {
        ...byVariant((name) => round(micros(name), 1)),
        bare: round(micros("bare"), 1),
      },
      addedMicros: byVariant((name) => round(micros(name) - micros("bare"), 1)),
      addedTimeShare: byVariant((name) => round(micros(name) / micros("bare") - 1, 3)),
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

async function standinToken(base: string): Promise<string> {
  const { apiKey, username, password } = DEMO_THREEDEYE_CREDENTIALS;
  const response = await fetch(`${base}/auth/token`, {
    method: "POST",
    headers: { "x-api-key": apiKey, "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const { accessToken } = await response.json();
  if (typeof accessToken !== "string") {
    throw new Error(`Getting a token from the 3dEye stand-in failed (${response.status}).`);
  }
  return accessToken;
}

function assertAllOk(name: string, target: TargetFigures): void {
  const ok = target.statuses["200"] ?? 0;
  if (ok !== target.requests) {
    throw new Error(
      `Measuring ${name} failed: ${target.requests - ok} of ${target.requests} requests were ` +
        `not 200 (${JSON.stringify(target.statuses)}, network errors: ${target.networkErrors}).`,
    );
  }
}
