/**
 * A map with bounded concurrency: async work over a list with at most `limit` tasks in flight,
 * failing fast: the first failure aborts the tasks still running (through the signal each one
 * receives) and rejects.
 *
 * @module
 */

/**
 * Maps `items` through `task` with at most `limit` concurrent tasks; results keep input order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { mapBounded } from "./map_bounded.ts";
 * const doubled = await mapBounded([1, 2, 3], 2, (n) => Promise.resolve(n * 2));
 * assertEquals(doubled, [2, 4, 6]);
 * ```
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const group = new AbortController();
  const abortGroup = () => group.abort(signal?.reason);
  signal?.addEventListener("abort", abortGroup, { once: true });
  if (signal?.aborted) abortGroup();
  let next = 0;
  let failure: { error: unknown } | null = null;

  async function worker(): Promise<void> {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index], group.signal);
      } catch (error) {
        // Keep the first failure: the ones after it are mostly the aborts it caused.
        failure ??= { error };
        group.abort();
      }
    }
  }

  try {
    const workers = Math.max(1, Math.min(limit, items.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    signal?.removeEventListener("abort", abortGroup);
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
