import { assert, assertEquals } from "@std/assert";
import type { ExecutionContext } from "hono";
import { EXPECTED_REPORTS } from "@spkey/testkit/conformance";
import { demoDirectory } from "../../test/support/demo_fixture.ts";
import { adminHeaders, buildTestApp } from "../../test/support/test_app.ts";
import { ThreedeyeError } from "../domain.ts";
import { asksForFreshData } from "./threedeye.ts";

const HEALTHY = `/admin/threedeye/users/${EXPECTED_REPORTS.healthy.userId}`;

/** A Worker-like execution context that records what it is asked to keep alive. */
function executionContext(): ExecutionContext & { kept: Promise<unknown>[] } {
  const kept: Promise<unknown>[] = [];
  return { kept, waitUntil: (work) => kept.push(work), passThroughOnException() {}, props: {} };
}

Deno.test("the report says when its 3dEye listing was fetched, in X-Remote-Fetched-At", async () => {
  const { app } = buildTestApp();
  const before = Date.now();
  const res = await app.request(HEALTHY, { headers: await adminHeaders() });
  assertEquals(await res.json(), EXPECTED_REPORTS.healthy, "the body keeps its exact shape");
  const fetchedAt = res.headers.get("x-remote-fetched-at");
  assert(fetchedAt !== null && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(fetchedAt));
  assert(Date.parse(fetchedAt) >= before && Date.parse(fetchedAt) <= Date.now());
});

Deno.test("no X-Remote-Fetched-At without 3dEye or when the probe failed", async () => {
  const unconfigured = buildTestApp({ threedeye: null }).app;
  const res = await unconfigured.request(HEALTHY, { headers: await adminHeaders() });
  await res.body?.cancel();
  assertEquals([res.status, res.headers.get("x-remote-fetched-at")], [200, null]);

  const threedeye = demoDirectory();
  threedeye.listFailsWith = new ThreedeyeError("3dEye answered HTTP 500 (GET /users)");
  const failing = buildTestApp({ threedeye }).app;
  const failed = await failing.request(HEALTHY, { headers: await adminHeaders() });
  assertEquals((await failed.json()).remote.error, "3dEye answered HTTP 500 (GET /users)");
  assertEquals(failed.headers.get("x-remote-fetched-at"), null);
});

Deno.test("within the TTL reports reuse the kept listing; Cache-Control: no-cache gets a fresh one", async () => {
  const threedeye = demoDirectory();
  const { app } = buildTestApp({ threedeye, listingTtlMs: 60_000 });
  const get = async (cacheControl?: string) => {
    const headers = await adminHeaders();
    const res = await app.request(HEALTHY, {
      headers: cacheControl === undefined ? headers : { ...headers, "Cache-Control": cacheControl },
    });
    assertEquals(await res.json(), EXPECTED_REPORTS.healthy);
    return res.headers.get("x-remote-fetched-at");
  };
  const first = await get();
  assertEquals([await get(), await get("max-age=60"), threedeye.listCalls], [first, first, 1]);
  for (const fresh of ["no-cache", "max-age=0", "no-transform, No-Cache"]) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const before = threedeye.listCalls;
    const fetchedAt = await get(fresh);
    assertEquals(threedeye.listCalls, before + 1, fresh);
    assert(Date.parse(fetchedAt!) > Date.parse(first!), fresh);
    assertEquals(await get(), fetchedAt, `${fresh}: the fresh listing is kept`);
  }
});

Deno.test("on a runtime with an execution context, the background refresh goes to waitUntil", async () => {
  const threedeye = demoDirectory();
  // A 1 ms TTL: every listing is stale by the next request, and served while a refresh runs.
  const { app } = buildTestApp({ threedeye, listingTtlMs: 1 });
  const get = async (ctx: ExecutionContext) => {
    const res = await app.request(HEALTHY, { headers: await adminHeaders() }, undefined, ctx);
    assertEquals(await res.json(), EXPECTED_REPORTS.healthy);
    return res.headers.get("x-remote-fetched-at");
  };
  const first = await get(executionContext());
  await new Promise((resolve) => setTimeout(resolve, 5));
  threedeye.gate = new Promise((resolve) => setTimeout(resolve, 50));
  const ctx = executionContext();
  assertEquals(await get(ctx), first, "the stale listing, at once");
  assertEquals([ctx.kept.length, threedeye.listCalls], [1, 2], "its refresh, kept alive");
  await ctx.kept[0];
  threedeye.gate = null;
  const refreshed = await get(executionContext());
  assert(Date.parse(refreshed!) > Date.parse(first!), "the refresh replaced it");
});

Deno.test("asksForFreshData reads no-cache and max-age=0 among the request's directives", () => {
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, false],
    ["", false],
    ["no-cache", true],
    ["NO-CACHE", true],
    [" no-store , no-cache ", true],
    ["max-age=0", true],
    ['max-age="0"', true],
    ["max-age = 00", true],
    ["max-age=1", false],
    ["max-age", false],
    ["no-store", false],
    ["only-if-cached", false],
    ["no-cache-please", false],
  ];
  for (const [header, fresh] of cases) assertEquals(asksForFreshData(header), fresh, header);
});
