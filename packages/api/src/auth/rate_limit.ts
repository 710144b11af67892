/**
 * The limiter of failed admin auth attempts per client, over a {@linkcode FailureTally}: in memory
 * by default, or a store shared by every instance (Deno KV, a Durable Object).
 *
 * The store is consulted only when an attempt fails: the failure is recorded and the client's
 * count comes back atomically. A count that reaches the limit is cached here as a lock-out until
 * its window closes, so every later request of that client on this instance answers 429 before
 * any crypto, and the request of a client that is not locked out does no store I/O at all. An
 * instance that has not seen a lock-out yet evaluates at most one more attempt of that client:
 * when that attempt fails, the shared count is past the limit and it answers 429 too.
 *
 * When the shared store fails, the failure is counted in memory instead, so the brake never
 * disappears (it becomes per instance until the store answers again).
 *
 * @module
 */
import { createMemoryFailureTally, type FailureTally } from "./failure_tally.ts";

/** Options of {@linkcode createFailureLimiter}. */
export interface FailureLimiterOptions {
  /** Failures allowed per client within the window. */
  max: number;
  windowMs: number;
  now?: () => number;
  /** Where failures are counted; default this process's memory. */
  tally?: FailureTally;
  /** Told when the tally failed and a failure was counted in memory instead. */
  onTallyError?: (error: unknown) => void;
  /** Clients remembered at most, per map (default 10,000). */
  maxClients?: number;
}

/** Tracks failed attempts per client key. */
export interface FailureLimiter {
  /** The tally's kind (`memory`, `deno-kv`, `durable-object`). */
  readonly kind: string;
  /** Seconds until `client` may try again, or null when it is not locked out (no I/O). */
  retryAfterSeconds(client: string): number | null;
  /**
   * Records one failed attempt of `client`. Resolves to seconds until it may try again when the
   * limit was already used up before this attempt (answer 429), else null (answer 401).
   */
  recordFailure(client: string): Promise<number | null>;
}

/**
 * A limiter allowing `max` failures per window.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createFailureLimiter } from "./rate_limit.ts";
 * const limiter = createFailureLimiter({ max: 2, windowMs: 60_000 });
 * assertEquals(await limiter.recordFailure("203.0.113.9"), null);
 * assertEquals(await limiter.recordFailure("203.0.113.9"), null);
 * assertEquals(limiter.retryAfterSeconds("203.0.113.9"), 60);
 * assertEquals(limiter.retryAfterSeconds("198.51.100.1"), null);
 * ```
 */
export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const { max, windowMs, now = Date.now, maxClients = 10_000 } = options;
  const memory = createMemoryFailureTally({ windowMs, now, maxClients });
  const tally = options.tally ?? memory;
  const lockedUntil = new Map<string, number>();

  const secondsUntil = (time: number) => Math.max(1, Math.ceil((time - now()) / 1000));

  return {
    kind: tally.kind,
    retryAfterSeconds(client) {
      const until = lockedUntil.get(client);
      // The common case, a client that is not locked out: no clock read.
      if (until === undefined) return null;
      if (until <= now()) {
        lockedUntil.delete(client);
        return null;
      }
      return secondsUntil(until);
    },
    async recordFailure(client) {
      const window = await tally.add(client).catch((error) => {
        options.onTallyError?.(error);
        return memory.add(client);
      });
      if (window.failures < max) return null;
      lockedUntil.delete(client);
      lockedUntil.set(client, window.resetAt);
      while (lockedUntil.size > maxClients) lockedUntil.delete(lockedUntil.keys().next().value!);
      return window.failures > max ? secondsUntil(window.resetAt) : null;
    },
  };
}
