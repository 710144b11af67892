import { assertEquals } from "@std/assert";
import { backoffDelayMs, isRetryableStatus } from "./_retry.ts";

Deno.test("only 429 and 5xx are retryable", () => {
  const retryable = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504].filter(isRetryableStatus);
  assertEquals(retryable, [429, 500, 502, 503, 504]);
});

Deno.test("backoff doubles per attempt and the jitter stays within [0.5, 1) of it", () => {
  assertEquals([0, 1, 2].map((a) => backoffDelayMs(a, 100, () => 0)), [50, 100, 200]);
  assertEquals([0, 1, 2].map((a) => backoffDelayMs(a, 100, () => 0.999999)), [100, 200, 400]);
});
