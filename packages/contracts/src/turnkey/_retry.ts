/**
 * Retry policy for Turnkey calls: which statuses are worth retrying, and exponential backoff
 * with jitter. (`Retry-After` and waiting within the deadline live in `../upstream/`.)
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
