/**
 * In-memory sliding-window limiter of failed admin auth attempts per client. Only failures are
 * recorded; a client over the limit is refused (429) until its oldest failure leaves the window.
 * Memory is bounded: at most `max` timestamps per client and `maxClients` clients (oldest
 * clients evicted first). Per isolate, so on a multi-instance deployment the limit is per
 * instance: a brake on guessing, not a quota.
 *
 * @module
 */

/** Options of {@linkcode createFailureLimiter}. */
export interface FailureLimiterOptions {
  /** Failures allowed per client within the window. */
  max: number;
  windowMs: number;
  now?: () => number;
  maxClients?: number;
}

/** Tracks failed attempts per client key. */
export interface FailureLimiter {
  /** Seconds until `client` may try again, or null when it is not limited. */
  retryAfterSeconds(client: string): number | null;
  /** Records one failed attempt of `client`. */
  recordFailure(client: string): void;
}

/**
 * A limiter allowing `max` failures per `windowMs`.
 *
 * @example
 * ```ts
 * import { createFailureLimiter } from "@spkey/api";
 * const limiter = createFailureLimiter({ max: 2, windowMs: 60_000 });
 * limiter.recordFailure("203.0.113.9");
 * limiter.recordFailure("203.0.113.9");
 * console.assert(limiter.retryAfterSeconds("203.0.113.9") === 60);
 * console.assert(limiter.retryAfterSeconds("198.51.100.1") === null);
 * ```
 */
export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const { max, windowMs, now = Date.now, maxClients = 10_000 } = options;
  const failures = new Map<string, number[]>();

  const recent = (client: string): number[] => {
    const times = failures.get(client);
    // The common case, a client with no failures on record: no clock read, no copy.
    if (times === undefined) return [];
    const cutoff = now() - windowMs;
    const kept = times.filter((t) => t > cutoff);
    if (kept.length === 0) failures.delete(client);
    else failures.set(client, kept);
    return kept;
  };

  return {
    retryAfterSeconds(client) {
      const times = recent(client);
      if (times.length < max) return null;
      return Math.max(1, Math.ceil((times[0] + windowMs - now()) / 1000));
    },
    recordFailure(client) {
      const times = recent(client);
      times.push(now());
      if (times.length > max) times.splice(0, times.length - max);
      // Re-insert so Map order is least-recently-failed first, then evict beyond the cap.
      failures.delete(client);
      failures.set(client, times);
      while (failures.size > maxClients) failures.delete(failures.keys().next().value!);
    },
  };
}
