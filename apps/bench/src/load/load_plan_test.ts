import { assertEquals, assertThrows } from "@std/assert";
import { assertAllOk, figuresOf, runLoadPlan } from "./load_plan.ts";

Deno.test("an interleaved plan rotates the target order and honours per-target counts", async () => {
  const order: string[] = [];
  const fetchFn = ((input: string) => {
    const name = new URL(input).pathname.slice(1);
    if (order.at(-1) !== name) order.push(name);
    return Promise.resolve(new Response("ok"));
  }) as typeof fetch;
  const figures = await runLoadPlan({
    kind: "interleaved",
    concurrency: 1,
    warmupRequests: 1,
    rounds: 3,
    requestsPerRound: 4,
    maxMsPerTarget: 60_000,
    targets: [
      { name: "a", urls: ["http://t/a"], headers: {} },
      { name: "b", urls: ["http://t/b"], headers: {}, requestsPerRound: 2 },
    ],
  }, fetchFn);
  // Warm-up a, b; then rounds a b | b a | a b.
  assertEquals(order, ["a", "b", "a", "b", "a", "b"]);
  assertEquals([figures.a.requests, figures.b.requests], [12, 6]);
  assertEquals(figures.a.statuses, { "200": 12 });
});

Deno.test("an interleaved target stops taking rounds once its time bound is spent", async () => {
  const fetchFn =
    (() =>
      new Promise<Response>((resolve) =>
        setTimeout(() => resolve(new Response("ok")), 15)
      )) as typeof fetch;
  const figures = await runLoadPlan({
    kind: "interleaved",
    concurrency: 1,
    warmupRequests: 0,
    rounds: 5,
    requestsPerRound: 2,
    maxMsPerTarget: 20,
    targets: [{ name: "slow", urls: ["http://t/"], headers: {} }],
  }, fetchFn);
  assertEquals(figures.slow.requests, 2, "one round of ~30 ms spends the 20 ms bound");
});

Deno.test("figuresOf merges rounds into one throughput and one latency summary", () => {
  const round = (latencies: number[], elapsedMs: number, statuses: Record<string, number>) => ({
    requests: latencies.length,
    elapsedMs,
    latenciesMs: latencies,
    statuses,
    networkErrors: 0,
    networkErrorSamples: [],
    overBound: 0,
  });
  const figures = figuresOf([
    round([1, 2], 10, { "200": 2 }),
    round([3, 4], 30, { "200": 1, "503": 1 }),
  ]);
  assertEquals(figures.requests, 4);
  assertEquals(figures.elapsedMs, 40);
  assertEquals(figures.throughputRps, 100);
  assertEquals(figures.roundThroughputRps, [200, 66.7]);
  assertEquals(figures.statuses, { "200": 3, "503": 1 });
  assertEquals(figures.latencyMs.max, 4);
  assertEquals(figures.reports, undefined);
});

Deno.test("assertAllOk passes an all-200 run and refuses errors or an empty run", () => {
  const figures = (statuses: Record<string, number>, requests: number) => ({
    requests,
    statuses,
    networkErrors: 0,
  });
  assertAllOk("full", figures({ "200": 5 }, 5));
  assertThrows(() => assertAllOk("full", figures({ "200": 4, "500": 1 }, 5)), Error, "1 of 5");
  assertThrows(() => assertAllOk("bare", figures({}, 0)), Error, "Measuring bare failed");
});
