import { assertEquals, assertRejects } from "@std/assert";
import { createDenoKvFailureTally, FAILURE_KEY_PREFIX } from "./deno_kv_tally.ts";

async function withKvFile(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-kv-tally-" });
  try {
    await fn(`${dir}/auth_failures.kv`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("two KV handles on one file share one count, and concurrent failures are each counted once", async () => {
  await withKvFile(async (path) => {
    const [kvA, kvB] = [await Deno.openKv(path), await Deno.openKv(path)];
    try {
      const a = createDenoKvFailureTally(kvA, { windowMs: 60_000, maxAttempts: 100 });
      const b = createDenoKvFailureTally(kvB, { windowMs: 60_000, maxAttempts: 100 });
      assertEquals(a.kind, "deno-kv");
      const windows = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).add("203.0.113.9")),
      );
      assertEquals(
        windows.map((w) => w.failures).sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 1),
        "every failure saw its own count",
      );
      assertEquals(new Set(windows.map((w) => w.resetAt)).size, 1, "one window");
      assertEquals((await b.add("198.51.100.1")).failures, 1, "clients are counted apart");
    } finally {
      kvA.close();
      kvB.close();
    }
  });
});

Deno.test("the KV tally opens a new window once the stored one has closed", async () => {
  await withKvFile(async (path) => {
    const kv = await Deno.openKv(path);
    try {
      let now = 1_000;
      const tally = createDenoKvFailureTally(kv, { windowMs: 10_000, now: () => now });
      await tally.add("a");
      assertEquals(await tally.add("a"), { failures: 2, resetAt: 11_000 });
      now = 11_000;
      assertEquals(await tally.add("a"), { failures: 1, resetAt: 21_000 });
      const stored = await kv.get([...FAILURE_KEY_PREFIX, "a"]);
      assertEquals(stored.value, { failures: 1, resetAt: 21_000 });
    } finally {
      kv.close();
    }
  });
});

Deno.test("the KV tally starts over from a value it does not recognise", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await kv.set([...FAILURE_KEY_PREFIX, "a"], "not a window");
    const tally = createDenoKvFailureTally(kv, { windowMs: 10_000, now: () => 0 });
    assertEquals(await tally.add("a"), { failures: 1, resetAt: 10_000 });
  } finally {
    kv.close();
  }
});

Deno.test("the KV tally rejects when KV fails, for the limiter to count in memory", async () => {
  const kv = await Deno.openKv(":memory:");
  const tally = createDenoKvFailureTally(kv, { windowMs: 10_000 });
  kv.close();
  await assertRejects(() => tally.add("a"));
  await assertRejects(() => tally.add("a"), Error, undefined, "the queue is not stuck");
});
