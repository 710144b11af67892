import { assertEquals } from "@std/assert";
import { createFailureLimiter } from "./rate_limit.ts";

Deno.test("createFailureLimiter limits a client after max failures within the window", () => {
  let now = 1_000_000;
  const limiter = createFailureLimiter({ max: 3, windowMs: 60_000, now: () => now });
  for (let i = 0; i < 3; i++) {
    assertEquals(limiter.retryAfterSeconds("a"), null);
    limiter.recordFailure("a");
    now += 10_000;
  }
  // Oldest failure at 1_000_000 leaves the window at 1_060_000; now is 1_030_000.
  assertEquals(limiter.retryAfterSeconds("a"), 30);
  assertEquals(limiter.retryAfterSeconds("b"), null, "other clients are not affected");
  now = 1_060_001;
  assertEquals(limiter.retryAfterSeconds("a"), null, "the window slides");
});

Deno.test("createFailureLimiter keeps memory bounded", () => {
  let now = 0;
  const limiter = createFailureLimiter({ max: 2, windowMs: 60_000, now: () => now, maxClients: 3 });
  for (const client of ["a", "b", "c", "d"]) {
    limiter.recordFailure(client);
    limiter.recordFailure(client);
    now++;
  }
  assertEquals(limiter.retryAfterSeconds("a"), null, "the least recent client was evicted");
  assertEquals(limiter.retryAfterSeconds("d"), 60);
});

Deno.test("createFailureLimiter rounds Retry-After up to at least one second", () => {
  let now = 0;
  const limiter = createFailureLimiter({ max: 1, windowMs: 1500, now: () => now });
  limiter.recordFailure("a");
  now = 1499;
  assertEquals(limiter.retryAfterSeconds("a"), 1);
});
