/**
 * THE hostile-upstream suite, written once against a running service (the Deno server, the Worker
 * in workerd): for each way a broken or malicious 3dEye or Turnkey can behave (the stand-ins'
 * hostile faults), one lookup is sent and three things are measured and bounded:
 *
 * - **memory**: the peak resident memory of the serving process (`VmHWM` after the lookup, reset
 *   just before it) minus what it held before, at most {@linkcode HOSTILE_MEMORY_GROWTH_LIMIT};
 * - **time**: the answer arrives within the deadline + 10% (the 3dEye probe deadline, or the
 *   Turnkey call's deadline, both from {@linkcode HOSTILE_SERVICE_SETTINGS});
 * - **calls**: what the upstream received, at most cap / page size + 2 for 3dEye (token, the
 *   pages the cap allows, one lookup by id), nothing more after the answer (nor, when the client
 *   gives up first, after the deadline), and nothing ever at the origin a redirect points to.
 *
 * Each case also checks the exact answer (a 200 whose `remote.error` names the failure for 3dEye,
 * 502/504 for Turnkey) and prints its figures as one `hostile-upstream {…}` line, the source of
 * the before/after table in `apps/bench/BENCHMARKS.md`.
 *
 * The service keeps the customer's 3dEye listing for a while (`THREEDEYE_LISTING_TTL_SECONDS`,
 * left at its default): every 3dEye lookup here sends `Cache-Control: no-cache`, so that it meets
 * the hostile upstream through the same shared listing a cached lookup would start, rather than
 * the listing kept from before. A listing the cache keeps is waited for by the cache until its
 * own deadline even when the client leaves: the "client leaves" bound (quiet by the deadline)
 * holds for it as well.
 *
 * Runners start the service with {@linkcode HOSTILE_SERVICE_SETTINGS} against the stand-ins (their
 * default options), describe it as a {@linkcode HostileUpstreamTarget} and call
 * {@linkcode runHostileUpstreamCases}.
 *
 * @module
 */
import { assert, assertEquals } from "@std/assert";
import { DEMO_USERS } from "./demo_data.ts";
import { readProcessMemory, resetPeakMemory } from "./process_memory.ts";
import type { ThreedeyeFault, ThreedeyeStandin } from "./threedeye_standin.ts";
import type { TurnkeyStandin, TurnkeyStandinFault } from "./turnkey_standin.ts";
import { turnkeyDemoUser } from "./turnkey_standin.ts";

const PROBE_DEADLINE_MS = 2000;
const TURNKEY_DEADLINE_MS = 2000;
const PAGE_SIZE = 100;
const MAX_USERS = 10_000;
/** The 3dEye client's default byte cap (THREEDEYE_MAX_RESPONSE_BYTES is left unset). */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The settings the service runs the suite with: production's page size, cap and concurrency,
 * with the timeouts lowered so that the slow cases take seconds, not minutes.
 */
export const HOSTILE_SERVICE_SETTINGS: Readonly<Record<string, string>> = {
  // Three times a slow page's 500 ms: a slow page is slow, never timed out, even on a busy
  // machine; only the sum of them meets the deadline.
  THREEDEYE_TIMEOUT_MS: "1500",
  THREEDEYE_PROBE_DEADLINE_MS: String(PROBE_DEADLINE_MS),
  THREEDEYE_PAGE_SIZE: String(PAGE_SIZE),
  THREEDEYE_MAX_USERS: String(MAX_USERS),
  THREEDEYE_PAGE_CONCURRENCY: "4",
  TURNKEY_TIMEOUT_MS: String(TURNKEY_DEADLINE_MS),
};

/** The most a serving process's peak memory may grow during one hostile lookup. */
export const HOSTILE_MEMORY_GROWTH_LIMIT = 64 * 1024 * 1024;

/** The running service the suite measures. */
export interface HostileUpstreamTarget {
  /** Names the runtime in the figures, e.g. "Deno server". */
  runtime: string;
  baseUrl: string;
  /** The process that serves (the Deno server, or workerd): its memory is measured. */
  pid: number;
  /** The admin key and JWT headers. */
  headers: Record<string, string>;
  threedeye: ThreedeyeStandin;
  turnkey: TurnkeyStandin;
}

/** What one case measured. */
export interface HostileFigures {
  runtime: string;
  mode: string;
  status: number;
  /** `remote.error` for 3dEye, the envelope's `message` for Turnkey. */
  answer: string | null;
  ms: number;
  /** Requests the upstream received for the lookup (and after it, until the check). */
  calls: number;
  /** Requests that reached the origin a redirect pointed to. */
  redirectTargetCalls: number;
  /** When the client gave up before the answer: upstream calls made after it left. */
  callsAfterClientLeft?: number;
  /** Peak memory growth of the serving process, MiB. */
  peakGrowthMiB: number;
}

interface ThreedeyeCase {
  upstream: "3dEye";
  fault: Exclude<ThreedeyeFault, null>;
  /** The expected `remote.error` (null: the report succeeds despite the fault). */
  error: string | null;
  /** The client gives up after this long instead of waiting for the answer. */
  clientLeavesAfterMs?: number;
}

interface TurnkeyCase {
  upstream: "Turnkey";
  fault: TurnkeyStandinFault;
  status: number;
  message: string;
}

const deadlinePassed =
  `3dEye did not answer within the probe deadline of ${PROBE_DEADLINE_MS} ms (GET /users)`;

/** Every hostile mode, with the answer it must produce. */
export const HOSTILE_CASES: ReadonlyArray<ThreedeyeCase | TurnkeyCase> = [
  {
    upstream: "3dEye",
    fault: "giant_page",
    error: "3dEye answered a page larger than requested (GET /users)",
  },
  // The cap and the configured page size bound the scan: 100 pages of one user, then the
  // mapped account is looked up by id, and the report is complete but for the listing.
  { upstream: "3dEye", fault: "one_per_page", error: null },
  { upstream: "3dEye", fault: "slow_pages", error: deadlinePassed },
  // Nobody waits for the scan any more: it must stop (at once where the runtime reports the
  // client leaving, at its own deadline at the latest), not page on for every page of the cap.
  { upstream: "3dEye", fault: "slow_pages", error: null, clientLeavesAfterMs: 300 },
  {
    upstream: "3dEye",
    fault: "endless_body",
    error: `3dEye answered more than ${MAX_RESPONSE_BYTES} bytes (GET /users)`,
  },
  {
    upstream: "3dEye",
    fault: "redirect",
    error: "3dEye answered a redirect (HTTP 307), which is not followed (GET /users)",
  },
  {
    upstream: "3dEye",
    fault: "rate_limited",
    error: "3dEye rate limited: HTTP 429, retry after 5 s (GET /users)",
  },
  {
    upstream: "3dEye",
    fault: "unavailable",
    error: "3dEye rate limited: HTTP 503, retry after 5 s (GET /users)",
  },
  {
    upstream: "Turnkey",
    fault: "redirect",
    status: 502,
    message: "Turnkey answered with an unexpected response.",
  },
  {
    upstream: "Turnkey",
    fault: "endless_body",
    status: 502,
    message: "Turnkey answered with an unexpected response.",
  },
  {
    upstream: "Turnkey",
    fault: "unavailable",
    status: 502,
    message: "The Turnkey request failed.",
  },
  { upstream: "Turnkey", fault: "slow", status: 504, message: "Turnkey did not answer in time." },
];

/** Upstream calls one report may cost: the token, the pages the cap allows, one lookup. */
const MAX_THREEDEYE_CALLS = MAX_USERS / PAGE_SIZE + 2;
/** How long after the answer the upstream must stay quiet (the scan was stopped). */
const QUIET_AFTER_MS = 300;

/** Runs every case as a step of `t` against `target`; returns the figures. */
export async function runHostileUpstreamCases(
  t: Deno.TestContext,
  target: HostileUpstreamTarget,
): Promise<HostileFigures[]> {
  const figures: HostileFigures[] = [];
  for (const c of HOSTILE_CASES) {
    const mode = modeOf(c);
    await t.step(`${mode}: bounded memory, time and calls`, async () => {
      // Each case prints its figures before it checks the answer: the figures of a failing
      // run (the code before the bounds) are the "before" column.
      const measured = c.upstream === "Turnkey"
        ? await turnkeyCase(target, c)
        : c.clientLeavesAfterMs === undefined
        ? await threedeyeCase(target, c)
        : await clientLeavesCase(target, c, c.clientLeavesAfterMs);
      figures.push(measured);
      const deadline = c.upstream === "3dEye" ? PROBE_DEADLINE_MS : TURNKEY_DEADLINE_MS;
      assert(
        measured.ms <= deadline * 1.1,
        `answered after ${measured.ms} ms, over ${deadline} ms + 10%`,
      );
      assert(
        measured.peakGrowthMiB * 1024 * 1024 <= HOSTILE_MEMORY_GROWTH_LIMIT,
        `peak memory grew by ${measured.peakGrowthMiB} MiB`,
      );
      assertEquals(measured.redirectTargetCalls, 0, "a redirect was followed");
    });
  }
  return figures;
}

function modeOf(c: ThreedeyeCase | TurnkeyCase): string {
  const leaves = c.upstream === "3dEye" && c.clientLeavesAfterMs !== undefined
    ? `, client leaves after ${c.clientLeavesAfterMs} ms`
    : "";
  return `${c.upstream} ${c.fault}${leaves}`;
}

const REPORT_PATH = `/admin/threedeye/users/${DEMO_USERS.healthy}`;
/** A 3dEye lookup's request header: a fresh listing, not the one the service keeps. */
const FRESH = { "Cache-Control": "no-cache" };

/** Warms the service (token cached, code compiled) so a case measures its fault alone. */
async function warmThreedeye(target: HostileUpstreamTarget): Promise<void> {
  await target.threedeye.setFault(null);
  const warm = await lookup(target, REPORT_PATH, FRESH);
  assertEquals([warm.status, warm.json.remote?.error], [200, null], "the warm-up report");
}

async function threedeyeCase(
  target: HostileUpstreamTarget,
  c: ThreedeyeCase,
): Promise<HostileFigures> {
  const { threedeye } = target;
  await warmThreedeye(target);
  threedeye.resetCounts();
  await threedeye.setFault(c.fault);
  const measured = await measure(target, () => lookup(target, REPORT_PATH, FRESH));
  const callsAtAnswer = threedeye.counts.requests;
  await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_MS));
  const calls = threedeye.counts.requests;
  const redirectTargetCalls = threedeye.counts.redirectTargetRequests;
  await threedeye.setFault(null);

  const { status, json } = measured.answer;
  const figures = report(target, modeOf(c), status, json.remote?.error ?? null, {
    ms: measured.ms,
    calls,
    redirectTargetCalls,
    peakGrowthBytes: measured.peakGrowthBytes,
  });
  assertEquals(status, 200);
  assertEquals(json.remote?.error, c.error);
  assertEquals(json.user?.found, true, "the rest of the report is intact");
  assert(calls <= MAX_THREEDEYE_CALLS, `${calls} 3dEye calls, over ${MAX_THREEDEYE_CALLS}`);
  assertEquals(calls, callsAtAnswer, "3dEye was still being called after the answer");
  return figures;
}

/** The client gives up early; the upstream must go quiet by the deadline at the latest. */
async function clientLeavesCase(
  target: HostileUpstreamTarget,
  c: ThreedeyeCase,
  leaveAfterMs: number,
): Promise<HostileFigures> {
  const { threedeye } = target;
  await warmThreedeye(target);
  threedeye.resetCounts();
  await threedeye.setFault(c.fault);
  let callsAtLeave = 0;
  const measured = await measure(target, async () => {
    const leaving = new AbortController();
    const timer = setTimeout(() => {
      callsAtLeave = threedeye.counts.requests;
      leaving.abort();
    }, leaveAfterMs);
    try {
      const response = await fetch(target.baseUrl + REPORT_PATH, {
        headers: { ...target.headers, ...FRESH },
        signal: leaving.signal,
      });
      return { status: response.status, json: await response.json() };
    } catch {
      return { status: 0, json: null };
    } finally {
      clearTimeout(timer);
    }
  });
  // Past the scan's own deadline, then a quiet spell: nothing may arrive in it.
  await new Promise((resolve) => setTimeout(resolve, PROBE_DEADLINE_MS - measured.ms + 200));
  const callsByDeadline = threedeye.counts.requests;
  await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_MS));
  const calls = threedeye.counts.requests;
  await threedeye.setFault(null);

  const figures = report(target, modeOf(c), measured.answer.status, "client left", {
    ms: measured.ms,
    calls,
    redirectTargetCalls: threedeye.counts.redirectTargetRequests,
    peakGrowthBytes: measured.peakGrowthBytes,
    callsAfterClientLeft: calls - callsAtLeave,
  });
  assertEquals(measured.answer.status, 0, "the client left before any answer");
  assert(calls <= MAX_THREEDEYE_CALLS, `${calls} 3dEye calls, over ${MAX_THREEDEYE_CALLS}`);
  assertEquals(calls, callsByDeadline, "3dEye was still being called after the deadline");
  return figures;
}

async function turnkeyCase(
  target: HostileUpstreamTarget,
  c: TurnkeyCase,
): Promise<HostileFigures> {
  const { turnkey } = target;
  const path = `/admin/turnkey/users/${turnkeyDemoUser.userId}`;
  turnkey.setFault(null);
  const warm = await lookup(target, path);
  assertEquals(warm.status, 200, "the warm-up lookup");

  const before = turnkey.requests;
  const redirectedBefore = turnkey.redirectTargetRequests;
  turnkey.setFault(c.fault);
  const measured = await measure(target, () => lookup(target, path));
  const calls = turnkey.requests - before;
  const redirectTargetCalls = turnkey.redirectTargetRequests - redirectedBefore;
  turnkey.setFault(null);

  const { status, json } = measured.answer;
  const figures = report(target, modeOf(c), status, json.message ?? null, {
    ms: measured.ms,
    calls,
    redirectTargetCalls,
    peakGrowthBytes: measured.peakGrowthBytes,
  });
  assertEquals([status, json.message], [c.status, c.message]);
  assertEquals(calls, 1, "no retry fits in the deadline");
  return figures;
}

interface Answer {
  status: number;
  // deno-lint-ignore no-explicit-any
  json: any;
}

async function lookup(
  target: HostileUpstreamTarget,
  path: string,
  extraHeaders: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(target.baseUrl + path, {
    headers: { ...target.headers, ...extraHeaders },
  });
  return { status: response.status, json: await response.json() };
}

/** Runs `action` between a peak reset and a peak reading of the serving process. */
async function measure(
  target: HostileUpstreamTarget,
  action: () => Promise<Answer>,
): Promise<{ answer: Answer; ms: number; peakGrowthBytes: number }> {
  const { rssBytes } = readProcessMemory(target.pid);
  resetPeakMemory(target.pid);
  const started = performance.now();
  const answer = await action();
  const ms = performance.now() - started;
  const { peakBytes } = readProcessMemory(target.pid);
  return { answer, ms, peakGrowthBytes: Math.max(0, peakBytes - rssBytes) };
}

/** The case's figures, also printed as one `hostile-upstream {…}` line. */
function report(
  target: HostileUpstreamTarget,
  mode: string,
  status: number,
  answer: string | null,
  measured: {
    ms: number;
    calls: number;
    redirectTargetCalls: number;
    peakGrowthBytes: number;
    callsAfterClientLeft?: number;
  },
): HostileFigures {
  const figures: HostileFigures = {
    runtime: target.runtime,
    mode,
    status,
    answer,
    ms: Math.round(measured.ms),
    calls: measured.calls,
    redirectTargetCalls: measured.redirectTargetCalls,
    peakGrowthMiB: Math.round(measured.peakGrowthBytes / 1024 / 102.4) / 10,
    ...(measured.callsAfterClientLeft === undefined
      ? {}
      : { callsAfterClientLeft: measured.callsAfterClientLeft }),
  };
  console.log(`hostile-upstream ${JSON.stringify(figures)}`);
  return figures;
}
