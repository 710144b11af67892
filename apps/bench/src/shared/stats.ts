/**
 * Small statistics for benchmark figures: nearest-rank percentiles, medians and a latency
 * summary, all in milliseconds rounded to hundredths (finer digits are noise on a shared box).
 *
 * @module
 */

/** Latency percentiles of one run, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The nearest-rank percentile `p` (0..100) of `values` (any order; not modified).
 *
 * @throws {RangeError} When `values` is empty or `p` is outside 0..100.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { percentile } from "./stats.ts";
 * assertEquals(percentile([5, 1, 4, 2, 3], 50), 3);
 * assertEquals(percentile([5, 1, 4, 2, 3], 100), 5);
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("Taking a percentile needs at least one value");
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`Taking a percentile needs p in 0..100, got ${p}`);
  }
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The median (nearest rank, lower middle for even counts) of `values`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { median } from "./stats.ts";
 * assertEquals(median([300, 100, 200]), 200);
 * ```
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * p50, p90, p99, max and mean of `latenciesMs`; all zero for an empty list.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { summarizeLatencies } from "./stats.ts";
 * const summary = summarizeLatencies([1, 2, 3, 4]);
 * assertEquals(summary.p50, 2);
 * assertEquals(summary.max, 4);
 * assertEquals(summary.mean, 2.5);
 * ```
 */
export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  if (latenciesMs.length === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  let sum = 0;
  let max = -Infinity;
  for (const value of latenciesMs) {
    sum += value;
    if (value > max) max = value;
  }
  return {
    count: latenciesMs.length,
    p50: round(percentile(latenciesMs, 50)),
    p90: round(percentile(latenciesMs, 90)),
    p99: round(percentile(latenciesMs, 99)),
    max: round(max),
    mean: round(sum / latenciesMs.length),
  };
}

/**
 * `value` rounded to `digits` decimals (default 2).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { round } from "./stats.ts";
 * assertEquals(round(1.23456), 1.23);
 * assertEquals(round(1.23456, 3), 1.235);
 * ```
 */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
