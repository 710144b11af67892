import { assert, assertEquals, assertRejects } from "@std/assert";
import { runLoad } from "./load_run.ts";

/** A fake fetch that answers after `ms` and records the most requests in flight at once. */
function slowFetch(ms: number, answer: (url: string) => Response) {
  let inFlight = 0;
  const seen = { max: 0, urls: [] as string[] };
  const fetchFn = async (input: string | URL | Request) => {
    inFlight += 1;
    seen.max = Math.max(seen.max, inFlight);
    seen.urls.push(String(input));
    await new Promise((resolve) => setTimeout(resolve, ms));
    inFlight -= 1;
    return answer(String(input));
  };
  return { fetch: fetchFn as typeof fetch, seen };
}

Deno.test("runLoad sends the count with bounded concurrency, URLs in rotation", async () => {
  const fake = slowFetch(2, () => new Response("ok"));
  const outcome = await runLoad({
    urls: ["http://t/a", "http://t/b"],
    requests: 20,
    concurrency: 4,
    fetch: fake.fetch,
  });
  assertEquals(outcome.requests, 20);
  assertEquals(outcome.statuses, { "200": 20 });
  assertEquals(outcome.latenciesMs.length, 20);
  assertEquals(fake.seen.max, 4);
  assertEquals(fake.seen.urls.filter((u) => u.endsWith("/a")).length, 10);
  assert(outcome.elapsedMs > 0);
});

Deno.test("runLoad counts statuses, network errors and answers over the bound", async () => {
  let i = 0;
  const fetchFn = (() => {
    const n = ++i;
    if (n % 5 === 0) return Promise.reject(new TypeError("connection refused"));
    const status = n % 2 ? 200 : 503;
    return new Promise((resolve) =>
      setTimeout(() => resolve(new Response("x", { status })), n % 3 ? 0 : 30)
    );
  }) as typeof fetch;
  const outcome = await runLoad({
    urls: ["http://t/"],
    requests: 10,
    concurrency: 1,
    latencyBoundMs: 20,
    fetch: fetchFn,
  });
  assertEquals(outcome.networkErrors, 2);
  assertEquals(outcome.networkErrorSamples, ["connection refused", "connection refused"]);
  assertEquals(outcome.statuses, { "200": 4, "503": 4 });
  assertEquals(outcome.overBound, 3, "requests 3, 6 and 9 took 30 ms");
});

Deno.test("runLoad stops starting requests at maxDurationMs", async () => {
  const fake = slowFetch(20, () => new Response("ok"));
  const outcome = await runLoad({
    urls: ["http://t/"],
    requests: 1000,
    concurrency: 2,
    maxDurationMs: 50,
    fetch: fake.fetch,
  });
  assert(outcome.requests < 20, `${outcome.requests} requests in 50 ms`);
});

Deno.test("runLoad tallies remote.error of the reports it reads", async () => {
  const bodies = [
    { remote: { error: null } },
    { remote: { error: "3dEye timed out after 300 ms (GET /users)" } },
    { remote: { error: "3dEye timed out after 300 ms (GET /users)" } },
    { error: "Unauthorized" },
  ];
  let i = 0;
  const fetchFn = (() => Promise.resolve(Response.json(bodies[i++ % 4]))) as typeof fetch;
  const outcome = await runLoad({
    urls: ["http://t/"],
    requests: 4,
    concurrency: 1,
    inspectReports: true,
    fetch: fetchFn,
  });
  assertEquals(outcome.reports, {
    remoteErrors: 2,
    remoteErrorMessages: { "3dEye timed out after 300 ms (GET /users)": 2 },
    malformed: 1,
  });
});

Deno.test("runLoad refuses an empty URL list and non-positive counts", async () => {
  await assertRejects(() => runLoad({ urls: [], requests: 1, concurrency: 1 }), RangeError, "URL");
  await assertRejects(
    () => runLoad({ urls: ["http://t/"], requests: 0, concurrency: 1 }),
    RangeError,
    "requests to be a positive integer",
  );
  await assertRejects(
    () => runLoad({ urls: ["http://t/"], requests: 1, concurrency: 1.5 }),
    RangeError,
    "concurrency to be a positive integer",
  );
});
