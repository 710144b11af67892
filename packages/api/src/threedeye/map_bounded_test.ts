import { assert, assertEquals, assertRejects } from "@std/assert";
import { mapBounded } from "./map_bounded.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("mapBounded keeps input order and never exceeds the limit", async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const results = await mapBounded([5, 1, 4, 2, 3, 1, 2], 3, async (n) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await tick(n);
    inFlight -= 1;
    return n * 10;
  });
  assertEquals(results, [50, 10, 40, 20, 30, 10, 20]);
  assertEquals(maxInFlight, 3);
  assertEquals(await mapBounded([], 4, () => Promise.resolve(1)), []);
});

Deno.test("mapBounded fails fast: the first error aborts the tasks still running", async () => {
  const aborted: number[] = [];
  const started: number[] = [];
  const error = await assertRejects(() =>
    mapBounded([1, 2, 3, 4, 5, 6], 3, (n, signal) => {
      started.push(n);
      if (n === 2) return Promise.reject(new Error("page 2 failed"));
      return new Promise((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          aborted.push(n);
          reject(new Error(`aborted ${n}`));
        });
      });
    })
  );
  assertEquals(error.message, "page 2 failed");
  assertEquals(aborted.sort(), [1, 3]);
  assert(!started.includes(5) && !started.includes(6), `started ${started}`);
});

Deno.test("mapBounded passes the caller's abort on to running tasks", async () => {
  const waitForAbort = (_n: number, signal: AbortSignal) =>
    new Promise<never>((_resolve, reject) => {
      if (signal.aborted) return reject(new Error("cancelled early"));
      signal.addEventListener("abort", () => reject(new Error("cancelled")));
    });
  const caller = new AbortController();
  const running = mapBounded([1, 2], 2, waitForAbort, caller.signal);
  caller.abort();
  await assertRejects(() => running, Error, "cancelled");
  await assertRejects(() => mapBounded([1], 1, waitForAbort, caller.signal), Error, "early");
});
