import { assertEquals, assertThrows } from "@std/assert";
import { median, percentile, round, summarizeLatencies } from "./stats.ts";

Deno.test("percentile takes the nearest rank of unsorted values", () => {
  const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
  const table: Array<[number, number]> = [[0, 1], [10, 1], [50, 5], [90, 9], [99, 10], [100, 10]];
  for (const [p, expected] of table) assertEquals(percentile(values, p), expected, `p${p}`);
  assertEquals(values[0], 10, "the input is not sorted in place");
});

Deno.test("percentile refuses an empty list and p outside 0..100", () => {
  assertThrows(() => percentile([], 50), RangeError, "at least one value");
  assertThrows(() => percentile([1], 101), RangeError, "p in 0..100");
  assertThrows(() => percentile([1], Number.NaN), RangeError, "p in 0..100");
});

Deno.test("median is the lower middle for even counts", () => {
  assertEquals(median([4, 1, 3, 2]), 2);
  assertEquals(median([7]), 7);
});

Deno.test("summarizeLatencies rounds to hundredths and is all zero when empty", () => {
  assertEquals(summarizeLatencies([1.234, 2.345, 3.456]), {
    count: 3,
    p50: 2.35,
    p90: 3.46,
    p99: 3.46,
    max: 3.46,
    mean: 2.35,
  });
  assertEquals(summarizeLatencies([]), { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 });
  assertEquals(round(0.125, 1), 0.1);
});
