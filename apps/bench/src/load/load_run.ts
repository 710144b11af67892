/**
 * The load loop: a fixed number of GET requests with at most `concurrency` in flight, over
 * keep-alive connections (Deno's fetch pools them per host), each timed from the call to the
 * last body byte. Optionally reads every 200 as a diagnostics report to count `remote.error`s,
 * which is how the fault soak proves that upstream failures stay inside the report.
 *
 * @module
 */

/** Options for {@linkcode runLoad}. */
export interface LoadOptions {
  /** URLs in rotation: request `i` goes to `urls[i % urls.length]`. */
  urls: readonly string[];
  headers?: Record<string, string>;
  /** Requests to send (the count bound). */
  requests: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Stop starting requests after this long (the time bound; default none). */
  maxDurationMs?: number;
  /** Give up on one request after this long; it counts as a network error (default 30 s). */
  requestTimeoutMs?: number;
  /** Read each 200 as a diagnostics report and tally `remote.error` (default false). */
  inspectReports?: boolean;
  /** Count answers slower than this many ms (default: none counted). */
  latencyBoundMs?: number;
  /** Injected fetch (tests); default the global one. */
  fetch?: typeof fetch;
}

/** What the reports said, when inspected. */
export interface ReportTally {
  /** 200s whose `remote.error` is a string. */
  remoteErrors: number;
  /** `remote.error` messages and how often each came back. */
  remoteErrorMessages: Record<string, number>;
  /** 200s that were not a report with a `remote` section. */
  malformed: number;
}

/** The raw outcome of one load run. */
export interface LoadOutcome {
  /** Requests completed (answered or failed). */
  requests: number;
  /** Wall time from the first request to the last answer. */
  elapsedMs: number;
  /** One entry per answered request (network errors excluded), in completion order. */
  latenciesMs: number[];
  /** Answers by HTTP status, e.g. `{ "200": 1999, "503": 1 }`. */
  statuses: Record<string, number>;
  /** Requests that got no HTTP answer (refused, reset, timed out). */
  networkErrors: number;
  /** Up to three of their messages. */
  networkErrorSamples: string[];
  /** Present when `inspectReports` was set. */
  reports?: ReportTally;
  /** Answers slower than `latencyBoundMs` (0 when no bound was given). */
  overBound: number;
}

/**
 * Sends `requests` GETs with at most `concurrency` in flight and times each one.
 *
 * @throws {RangeError} When `urls` is empty or a count is not a positive integer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runLoad } from "./load_run.ts";
 * const fakeFetch = () => Promise.resolve(new Response("{}"));
 * const outcome = await runLoad({
 *   urls: ["http://127.0.0.1:1/x"], requests: 10, concurrency: 3, fetch: fakeFetch,
 * });
 * assertEquals(outcome.requests, 10);
 * assertEquals(outcome.statuses["200"], 10);
 * ```
 */
export async function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  const { urls, requests, concurrency } = options;
  if (urls.length === 0) throw new RangeError("Running a load needs at least one URL");
  for (const [name, value] of [["requests", requests], ["concurrency", concurrency]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Running a load needs ${name} to be a positive integer, got ${value}`);
    }
  }
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const inspect = options.inspectReports ?? false;
  const bound = options.latencyBoundMs ?? Infinity;
  const outcome: LoadOutcome = {
    requests: 0,
    elapsedMs: 0,
    latenciesMs: [],
    statuses: {},
    networkErrors: 0,
    networkErrorSamples: [],
    overBound: 0,
    ...(inspect ? { reports: { remoteErrors: 0, remoteErrorMessages: {}, malformed: 0 } } : {}),
  };
  const started = performance.now();
  const deadline = started + (options.maxDurationMs ?? Infinity);
  let next = 0;

  async function one(index: number): Promise<void> {
    const sent = performance.now();
    try {
      const response = await doFetch(urls[index % urls.length], {
        headers: options.headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The whole body is read either way: a response is not served until its last byte.
      const body = inspect && response.status === 200
        ? await response.text()
        : await response.arrayBuffer();
      const latency = performance.now() - sent;
      outcome.latenciesMs.push(latency);
      if (latency > bound) outcome.overBound += 1;
      const status = String(response.status);
      outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
      if (typeof body === "string") tallyReport(outcome.reports!, body);
    } catch (error) {
      outcome.networkErrors += 1;
      if (outcome.networkErrorSamples.length < 3) {
        outcome.networkErrorSamples.push(String((error as Error)?.message ?? error).slice(0, 200));
      }
    } finally {
      outcome.requests += 1;
    }
  }

  async function worker(): Promise<void> {
    while (next < requests && performance.now() < deadline) await one(next++);
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  outcome.elapsedMs = performance.now() - started;
  return outcome;
}

function tallyReport(tally: ReportTally, body: string): void {
  let remote: { error?: unknown } | undefined;
  try {
    remote = JSON.parse(body)?.remote;
  } catch {
    remote = undefined;
  }
  if (typeof remote !== "object" || remote === null || !("error" in remote)) {
    tally.malformed += 1;
    return;
  }
  if (typeof remote.error === "string") {
    tally.remoteErrors += 1;
    tally.remoteErrorMessages[remote.error] = (tally.remoteErrorMessages[remote.error] ?? 0) + 1;
  }
}
