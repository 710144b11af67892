/**
 * Retry timing for Turnkey calls: exponential backoff with jitter, and `Retry-After` when it is
 * small enough to honour.
 *
 * @module
 */

/** Whether an HTTP status is worth retrying: rate limited or a server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * The delay before retry number `attempt` (0-based): `base * 2^attempt`, scaled by a random
 * factor in [0.5, 1) so that many clients do not retry in lockstep.
 */
export function backoffDelayMs(attempt: number, baseDelayMs: number, random = Math.random): number {
  return Math.round(baseDelayMs * 2 ** attempt * (0.5 + random() / 2));
}

/**
 * The `Retry-After` header as milliseconds, when it is a number of seconds (the form Turnkey and
 * most gateways send); `undefined` for absent, HTTP-date or malformed values.
 */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+(\.\d+)?\s*$/.test(header)) return undefined;
  return Math.round(Number(header) * 1000);
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts. Leaves no timer behind.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
