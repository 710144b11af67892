import { assertEquals, assertRejects } from "@std/assert";
import {
  AuthFailureCounter,
  createDurableObjectFailureTally,
  type DurableObjectNamespace,
  type DurableObjectStorage,
} from "./durable_object_tally.ts";

// The counter runs for real in workerd in apps/worker/test/auth_failures_test.ts; here its
// storage is a Map, to check what it stores and when it schedules the cleanup.
function mapStorage() {
  const values = new Map<string, unknown>();
  const alarms: number[] = [];
  const storage: DurableObjectStorage = {
    get: <T>(key: string) => Promise.resolve(values.get(key) as T | undefined),
    put: (key, value) => Promise.resolve(void values.set(key, value)),
    setAlarm: (time) => Promise.resolve(void alarms.push(time)),
    deleteAll: () => Promise.resolve(values.clear()),
  };
  return { storage, values, alarms };
}

/** A namespace of one counter per name, as `idFromName` gives in workerd. */
function counterNamespace() {
  const objects = new Map<
    string,
    { counter: AuthFailureCounter; storage: ReturnType<typeof mapStorage> }
  >();
  const namespace: DurableObjectNamespace = {
    idFromName: (name) => name,
    get(id) {
      const name = id as string;
      if (!objects.has(name)) {
        const storage = mapStorage();
        objects.set(name, {
          counter: new AuthFailureCounter({ storage: storage.storage }),
          storage,
        });
      }
      const { counter } = objects.get(name)!;
      return { fetch: (input, init) => counter.fetch(new Request(input, init)) };
    },
  };
  return { namespace, objects };
}

Deno.test("the Durable Object tally counts per client in one object each, and clears it when the window closes", async () => {
  const { namespace, objects } = counterNamespace();
  const tally = createDurableObjectFailureTally(namespace, { windowMs: 60_000 });
  assertEquals(tally.kind, "durable-object");
  const before = Date.now();
  const first = await tally.add("203.0.113.9");
  await tally.add("203.0.113.9");
  const third = await tally.add("203.0.113.9");
  assertEquals([first.failures, third.failures], [1, 3]);
  assertEquals(third.resetAt, first.resetAt);
  assertEquals(first.resetAt >= before + 60_000 && first.resetAt <= Date.now() + 60_000, true);
  assertEquals((await tally.add("198.51.100.1")).failures, 1);

  const { counter, storage } = objects.get("203.0.113.9")!;
  assertEquals(storage.alarms, [first.resetAt], "one cleanup, when the window closes");
  await counter.alarm();
  assertEquals(storage.values.size, 0);
  assertEquals((await tally.add("203.0.113.9")).failures, 1);
});

Deno.test("the Durable Object counter refuses anything but POST with a window", async () => {
  const counter = new AuthFailureCounter({ storage: mapStorage().storage });
  for (
    const [method, query] of [["GET", "?windowMs=1000"], ["POST", ""], ["POST", "?windowMs=-5"]]
  ) {
    const res = await counter.fetch(new Request(`https://c.invalid/${query}`, { method }));
    assertEquals(res.status, 400, `${method} ${query}`);
  }
});

Deno.test("the Durable Object tally rejects a failed or nonsensical answer", async () => {
  const answering = (response: () => Response): DurableObjectNamespace => ({
    idFromName: (name) => name,
    get: () => ({ fetch: () => Promise.resolve(response()) }),
  });
  const options = { windowMs: 1000 };
  await assertRejects(
    () =>
      createDurableObjectFailureTally(answering(() => new Response("x", { status: 500 })), options)
        .add("a"),
    Error,
    "HTTP 500",
  );
  await assertRejects(
    () =>
      createDurableObjectFailureTally(answering(() => Response.json({ failures: "1" })), options)
        .add("a"),
    Error,
    "no window",
  );
});
