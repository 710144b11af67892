import { assertEquals, assertGreaterOrEqual, assertRejects } from "@std/assert";
import { retryAfterMs, waitWithinDeadline } from "./retry_after.ts";
import { UpstreamError } from "./upstream_error.ts";

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

Deno.test("a wait that would not end before the deadline does not start", async () => {
  const started = performance.now();
  assertEquals(await waitWithinDeadline(5_000, { deadline: Date.now() + 4_000 }), false);
  assertEquals(await waitWithinDeadline(100, { deadline: Date.now() + 100 }), false);
  assertEquals(performance.now() - started < 50, true, "it answered at once");
  const waited = performance.now();
  assertEquals(await waitWithinDeadline(30, { deadline: Date.now() + 1_000 }), true);
  assertGreaterOrEqual(performance.now() - waited, 25);
  assertEquals(await waitWithinDeadline(0), true, "no deadline: any wait fits");
});

Deno.test("a wait ends at once when the signal aborts, leaving no timer", async () => {
  const controller = new AbortController();
  const pending = waitWithinDeadline(60_000, { signal: controller.signal });
  controller.abort(new Error("stop"));
  const error = await assertRejects(() => pending, UpstreamError);
  assertEquals([error.kind, (error.cause as Error).message], ["cancelled", "stop"]);
  await assertRejects(() => waitWithinDeadline(10, { signal: controller.signal }), UpstreamError);
});
