import { assertEquals, assertRejects } from "@std/assert";
import { backoffDelayMs, isRetryableStatus, retryAfterMs, sleep } from "./_retry.ts";

Deno.test("only 429 and 5xx are retryable", () => {
  const retryable = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504].filter(isRetryableStatus);
  assertEquals(retryable, [429, 500, 502, 503, 504]);
});

Deno.test("backoff doubles per attempt and the jitter stays within [0.5, 1) of it", () => {
  assertEquals([0, 1, 2].map((a) => backoffDelayMs(a, 100, () => 0)), [50, 100, 200]);
  assertEquals([0, 1, 2].map((a) => backoffDelayMs(a, 100, () => 0.999999)), [100, 200, 400]);
});

Deno.test("Retry-After is read as seconds; dates and junk are ignored", () => {
  const cases: [string | null, number | undefined][] = [
    ["0", 0],
    ["2", 2000],
    [" 1.5 ", 1500],
    [null, undefined],
    ["", undefined],
    ["-1", undefined],
    ["soon", undefined],
    ["Wed, 21 Oct 2026 07:28:00 GMT", undefined],
  ];
  for (const [header, expected] of cases) assertEquals(retryAfterMs(header), expected, `${header}`);
});

Deno.test("sleep rejects with the signal's reason when aborted, leaving no timer", async () => {
  const controller = new AbortController();
  const pending = sleep(60_000, controller.signal);
  controller.abort(new Error("stop"));
  await assertRejects(() => pending, Error, "stop");
  await assertRejects(() => sleep(10, controller.signal), Error, "stop");
});
