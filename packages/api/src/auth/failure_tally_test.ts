import { assertEquals } from "@std/assert";
import { countFailure, createMemoryFailureTally } from "./failure_tally.ts";

Deno.test("countFailure opens a window at the first failure and a new one after it closed", () => {
  const opened = countFailure(null, 5_000, 10_000);
  assertEquals(opened, { failures: 1, resetAt: 15_000 });
  const second = countFailure(opened, 14_999, 10_000);
  assertEquals(second, { failures: 2, resetAt: 15_000 }, "the window does not move");
  assertEquals(countFailure(second, 15_000, 10_000), { failures: 1, resetAt: 25_000 });
});

Deno.test("createMemoryFailureTally counts per client", async () => {
  const tally = createMemoryFailureTally({ windowMs: 60_000, now: () => 0 });
  await tally.add("a");
  await tally.add("a");
  assertEquals(await tally.add("a"), { failures: 3, resetAt: 60_000 });
  assertEquals(await tally.add("b"), { failures: 1, resetAt: 60_000 });
});

Deno.test("createMemoryFailureTally forgets the least recently failed client beyond maxClients", async () => {
  const tally = createMemoryFailureTally({ windowMs: 60_000, now: () => 0, maxClients: 2 });
  await tally.add("a");
  await tally.add("b");
  await tally.add("a");
  await tally.add("c");
  assertEquals((await tally.add("b")).failures, 1, "b was evicted");
  assertEquals((await tally.add("a")).failures, 1, "then a, by b's return");
});
