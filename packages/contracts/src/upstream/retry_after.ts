/**
 * Waiting before a retry without breaking a deadline: `Retry-After` read as milliseconds, and a
 * pause that only starts when it ends before the deadline.
 *
 * @module
 */
import { UpstreamError } from "./upstream_error.ts";

/**
 * The `Retry-After` header as milliseconds, when it is a number of seconds (the form Turnkey and
 * most gateways send); `undefined` for absent, HTTP-date or malformed values.
 *
 * @param header The header value, or null.
 * @returns Milliseconds, or undefined.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { retryAfterMs } from "@spkey/contracts/upstream";
 * assertEquals([retryAfterMs("5"), retryAfterMs("soon"), retryAfterMs(null)], [5000, undefined, undefined]);
 * ```
 */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+(\.\d+)?\s*$/.test(header)) return undefined;
  return Math.round(Number(header) * 1000);
}

/** Options of {@linkcode waitWithinDeadline}. */
export interface WaitOptions {
  /** The deadline (ms since the epoch, `Date.now()` clock); default none. */
  deadline?: number;
  /** Ends the wait early: the promise rejects. */
  signal?: AbortSignal;
}

/**
 * Waits `ms` when the wait ends before the deadline; otherwise does not wait at all. A wait that
 * would end exactly at the deadline is refused too: the call after it would have no time left.
 *
 * @param ms How long to wait.
 * @param options The deadline and an AbortSignal.
 * @returns True after waiting; false at once when the wait does not fit.
 * @throws {UpstreamError} Of kind `cancelled` when the signal aborts (before or during the wait).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { waitWithinDeadline } from "@spkey/contracts/upstream";
 * const deadline = Date.now() + 1000;
 * assertEquals(await waitWithinDeadline(5000, { deadline }), false);
 * assertEquals(await waitWithinDeadline(1, { deadline }), true);
 * ```
 */
export function waitWithinDeadline(ms: number, options: WaitOptions = {}): Promise<boolean> {
  const { signal } = options;
  if (signal?.aborted) {
    return Promise.reject(new UpstreamError("cancelled", {}, { cause: signal.reason }));
  }
  if (Date.now() + ms >= (options.deadline ?? Infinity)) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UpstreamError("cancelled", {}, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
