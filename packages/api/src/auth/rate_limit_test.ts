import { assertEquals } from "@std/assert";
import {
  createMemoryFailureTally,
  type FailureTally,
  type FailureWindow,
} from "./failure_tally.ts";
import { createFailureLimiter } from "./rate_limit.ts";

/** A shared store as two instances see it: one count behind two limiters, each call counted. */
function sharedTally(now: () => number, windowMs: number) {
  const memory = createMemoryFailureTally({ windowMs, now });
  const calls: string[] = [];
  const tally: FailureTally = {
    kind: "shared-for-test",
    add(client) {
      calls.push(client);
      return memory.add(client);
    },
  };
  return { tally, calls };
}

Deno.test("createFailureLimiter locks a client out once its failures reach max within the window", async () => {
  let now = 1_000_000;
  const limiter = createFailureLimiter({ max: 3, windowMs: 60_000, now: () => now });
  for (let i = 0; i < 3; i++) {
    assertEquals(limiter.retryAfterSeconds("a"), null);
    assertEquals(await limiter.recordFailure("a"), null, "failures up to max answer 401");
    now += 10_000;
  }
  // The window opened at 1_000_000 and closes at 1_060_000; now is 1_030_000.
  assertEquals(limiter.retryAfterSeconds("a"), 30);
  assertEquals(limiter.retryAfterSeconds("b"), null, "other clients are not affected");
  now = 1_060_000;
  assertEquals(limiter.retryAfterSeconds("a"), null, "the lock-out ends with the window");
  assertEquals(await limiter.recordFailure("a"), null, "a new window opens");
});

Deno.test("createFailureLimiter answers a failure past the limit with Retry-After", async () => {
  const now = 0;
  const limiter = createFailureLimiter({ max: 1, windowMs: 1_500, now: () => now });
  assertEquals(await limiter.recordFailure("a"), null);
  assertEquals(await limiter.recordFailure("a"), 2, "rounded up to whole seconds");
});

Deno.test("createFailureLimiter rounds Retry-After up to at least one second", async () => {
  let now = 0;
  const limiter = createFailureLimiter({ max: 1, windowMs: 1500, now: () => now });
  await limiter.recordFailure("a");
  now = 1499;
  assertEquals(limiter.retryAfterSeconds("a"), 1);
});

Deno.test("createFailureLimiter keeps memory bounded", async () => {
  let now = 0;
  const limiter = createFailureLimiter({ max: 2, windowMs: 60_000, now: () => now, maxClients: 3 });
  for (const client of ["a", "b", "c", "d"]) {
    await limiter.recordFailure(client);
    await limiter.recordFailure(client);
    now++;
  }
  assertEquals(limiter.retryAfterSeconds("a"), null, "the least recent client was evicted");
  assertEquals(limiter.retryAfterSeconds("d"), 60);
  assertEquals(await limiter.recordFailure("a"), null, "its count was evicted too");
});

Deno.test("limiters over one shared tally share one count; the first failure past it is a 429 on either", async () => {
  const now = 0;
  const { tally, calls } = sharedTally(() => now, 60_000);
  const first = createFailureLimiter({ max: 4, windowMs: 60_000, now: () => now, tally });
  const second = createFailureLimiter({ max: 4, windowMs: 60_000, now: () => now, tally });
  assertEquals(first.kind, "shared-for-test");
  for (let i = 0; i < 2; i++) assertEquals(await first.recordFailure("a"), null);
  for (let i = 0; i < 2; i++) assertEquals(await second.recordFailure("a"), null);
  assertEquals(second.retryAfterSeconds("a"), 60, "the instance that saw the limit caches it");
  assertEquals(first.retryAfterSeconds("a"), null, "the other has not seen it yet");
  assertEquals(await first.recordFailure("a"), 60, "its next failure is past the shared limit");
  assertEquals(first.retryAfterSeconds("a"), 60);
  assertEquals(calls.length, 5, "one store call per failure");
  first.retryAfterSeconds("b");
  second.retryAfterSeconds("b");
  assertEquals(calls.length, 5, "checking a client does no store I/O");
});

Deno.test("createFailureLimiter counts in memory when the shared tally fails, and says so", async () => {
  const errors: unknown[] = [];
  const broken: FailureTally = {
    kind: "broken-for-test",
    add: (): Promise<FailureWindow> => Promise.reject(new Error("store down")),
  };
  const limiter = createFailureLimiter({
    max: 2,
    windowMs: 60_000,
    now: () => 0,
    tally: broken,
    onTallyError: (error) => errors.push(error),
  });
  assertEquals(await limiter.recordFailure("a"), null);
  assertEquals(await limiter.recordFailure("a"), null);
  assertEquals(limiter.retryAfterSeconds("a"), 60, "still limited");
  assertEquals(await limiter.recordFailure("a"), 60);
  assertEquals(errors.length, 3);
});
