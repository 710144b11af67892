/**
 * Counts database round trips: every `batch` call on an executor is one round trip (one D1 batch,
 * one D1 HTTP request, one SQLite pass). Used by tests and benchmarks to prove "one per request".
 *
 * @module
 */
import type { SqlExecutor } from "../domain.ts";

/** An executor wrapped to count its round trips. */
export interface RoundTripCounter {
  /** Pass this one to the store. */
  executor: SqlExecutor;
  /** Round trips (batch calls) so far. */
  count(): number;
  /** Starts counting from zero again. */
  reset(): void;
}

/**
 * Wraps `executor` so that its `batch` calls are counted.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countRoundTrips } from "./round_trips.ts";
 * const counter = countRoundTrips({ batch: (s) => Promise.resolve(s.map(() => [])) });
 * await counter.executor.batch([{ sql: "SELECT 1", params: [] }, { sql: "SELECT 2", params: [] }]);
 * assertEquals(counter.count(), 1);
 * ```
 */
export function countRoundTrips(executor: SqlExecutor): RoundTripCounter {
  let count = 0;
  return {
    executor: {
      batch(statements) {
        count += 1;
        return executor.batch(statements);
      },
    },
    count: () => count,
    reset() {
      count = 0;
    },
  };
}
