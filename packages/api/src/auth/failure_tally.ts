/**
 * Counting failed admin auth attempts per client: the {@linkcode FailureTally} port, the one
 * window rule every store applies ({@linkcode countFailure}), and the in-memory tally (the
 * fallback, and the only store of a single process with nothing shared).
 *
 * The window opens at a client's first failure and lasts `windowMs`; a failure after it closed
 * opens a new one. A window is two numbers whatever the limit, so a shared store holds one small
 * value per client that can expire with the window (a list of timestamps for a sliding window
 * would grow with the limit and could not carry one expiry). The price: failures straddling two
 * windows can reach twice the limit within one window's length.
 *
 * @module
 */

/** A client's failures in its current window. */
export interface FailureWindow {
  /** Failures recorded in the window, the one just recorded included. */
  failures: number;
  /** When the window closes (epoch milliseconds). */
  resetAt: number;
}

/**
 * Where failures are counted. Stores shared across instances (Deno KV, a Durable Object) make the
 * limit hold for the whole deployment; the memory tally holds per process or isolate.
 */
export interface FailureTally {
  /** Names the store in the start-up log line, e.g. `memory`, `deno-kv`, `durable-object`. */
  readonly kind: string;
  /**
   * Records one failure of `client` and answers its window afterwards, atomically: two
   * concurrent failures never read the same count.
   */
  add(client: string): Promise<FailureWindow>;
}

/**
 * The window after one more failure: a new window when there is none or it has closed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countFailure } from "./failure_tally.ts";
 * const first = countFailure(null, 1_000, 60_000);
 * assertEquals(first, { failures: 1, resetAt: 61_000 });
 * assertEquals(countFailure(first, 30_000, 60_000), { failures: 2, resetAt: 61_000 });
 * assertEquals(countFailure(first, 61_000, 60_000), { failures: 1, resetAt: 121_000 });
 * ```
 */
export function countFailure(
  previous: FailureWindow | null | undefined,
  now: number,
  windowMs: number,
): FailureWindow {
  return previous == null || previous.resetAt <= now
    ? { failures: 1, resetAt: now + windowMs }
    : { failures: previous.failures + 1, resetAt: previous.resetAt };
}

/**
 * True when `value` is a {@linkcode FailureWindow}: for windows read back from a store, which
 * may hold anything (another version's value, a hand edit).
 */
export function isFailureWindow(value: unknown): value is FailureWindow {
  const window = value as FailureWindow | null | undefined;
  return Number.isSafeInteger(window?.failures) && Number.isFinite(window?.resetAt);
}

/** Options of {@linkcode createMemoryFailureTally}. */
export interface MemoryFailureTallyOptions {
  windowMs: number;
  now?: () => number;
  /** Clients kept at most; the least recently failed go first (default 10,000). */
  maxClients?: number;
}

/**
 * A tally in this process's memory, bounded to `maxClients` clients.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createMemoryFailureTally } from "./failure_tally.ts";
 * const tally = createMemoryFailureTally({ windowMs: 60_000, now: () => 0 });
 * await tally.add("203.0.113.9");
 * assertEquals(await tally.add("203.0.113.9"), { failures: 2, resetAt: 60_000 });
 * assertEquals(tally.kind, "memory");
 * ```
 */
export function createMemoryFailureTally(options: MemoryFailureTallyOptions): FailureTally {
  const { windowMs, now = Date.now, maxClients = 10_000 } = options;
  const windows = new Map<string, FailureWindow>();
  return {
    kind: "memory",
    add(client) {
      const next = countFailure(windows.get(client), now(), windowMs);
      // Re-inserted so Map order is least-recently-failed first, then evicted beyond the cap.
      windows.delete(client);
      windows.set(client, next);
      while (windows.size > maxClients) windows.delete(windows.keys().next().value!);
      return Promise.resolve(next);
    },
  };
}
