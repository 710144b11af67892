/**
 * `@spkey/api/deno-kv`: the {@linkcode FailureTally} over Deno KV, shared by every process that
 * opens the same database (Deno Deploy's managed KV; locally one SQLite file). Kept out of the main
 * entry because Workers have no Deno KV.
 *
 * One key per client, `["spkey", "auth_failures", <client>]`, holding its
 * {@linkcode FailureWindow}. Each failure reads the window and writes the next one in an atomic
 * operation that checks the read's versionstamp, retried when another writer got there first:
 * KV's atomic `sum` would count without a read, but a sum carries no expiry and does not answer
 * the new count. The write sets `expireIn` to the window's end, so a client's key disappears
 * with its window and a flood of rotating addresses leaves nothing behind. Failures of one
 * client on this instance are written one at a time, so only other instances can conflict; a
 * conflict or a busy local file is retried after a short, jittered pause.
 *
 * @module
 */
import {
  countFailure,
  type FailureTally,
  type FailureWindow,
  isFailureWindow,
} from "./failure_tally.ts";

/** Options of {@linkcode createDenoKvFailureTally}. */
export interface DenoKvFailureTallyOptions {
  windowMs: number;
  now?: () => number;
  /** Tries of the read-check-write before giving up on one failure (default 10). */
  maxAttempts?: number;
}

/** The KV key prefix of failure windows (the database may hold other data). */
export const FAILURE_KEY_PREFIX: readonly ["spkey", "auth_failures"] = ["spkey", "auth_failures"];

/**
 * A tally over `kv`.
 *
 * @throws {Error} From `add`, when the write still failed or conflicted after `maxAttempts`
 *   tries (the limiter then counts in memory).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createDenoKvFailureTally } from "@spkey/api/deno-kv";
 * const kv = await Deno.openKv(":memory:");
 * const tally = createDenoKvFailureTally(kv, { windowMs: 60_000, now: () => 0 });
 * await tally.add("203.0.113.9");
 * assertEquals(await tally.add("203.0.113.9"), { failures: 2, resetAt: 60_000 });
 * kv.close();
 * ```
 */
export function createDenoKvFailureTally(
  kv: Deno.Kv,
  options: DenoKvFailureTallyOptions,
): FailureTally {
  const { windowMs, now = Date.now, maxAttempts = 10 } = options;
  const inFlight = new Map<string, Promise<unknown>>();

  const record = async (client: string): Promise<FailureWindow> => {
    const key = [...FAILURE_KEY_PREFIX, client];
    let lastError: unknown = null;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await backOff(attempt);
      try {
        const entry = await kv.get<FailureWindow>(key);
        const time = now();
        const next = countFailure(
          isFailureWindow(entry.value) ? entry.value : null,
          time,
          windowMs,
        );
        const committed = await kv.atomic()
          .check(entry)
          .set(key, next, { expireIn: next.resetAt - time })
          .commit();
        if (committed.ok) return next;
      } catch (error) {
        // A local KV file shared by processes answers "database is locked" while another writes.
        lastError = error;
      }
    }
    throw new Error(`Recording an auth failure in Deno KV failed ${maxAttempts} times.`, {
      cause: lastError,
    });
  };

  return {
    kind: "deno-kv",
    add(client) {
      const previous = inFlight.get(client) ?? Promise.resolve();
      const done = previous.then(() => record(client));
      const settled = done.catch(() => {});
      inFlight.set(client, settled);
      settled.then(() => {
        if (inFlight.get(client) === settled) inFlight.delete(client);
      });
      return done;
    },
  };
}

/** A few milliseconds, growing and jittered, so that competing writers stop colliding. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
