/**
 * The COUNTED figures, which do not depend on machine speed, as tests of the normal suite: one
 * database round trip per diagnostics request and per search by email, at most two 3dEye calls per request with a warm
 * token, one token request for 500 concurrent cold requests, a 10,000-user customer listed
 * within the scan cap with pages in flight concurrently (but bounded), the listing cache's
 * upstream cost (one listing for 100 lookups within the TTL, one background refresh after it
 * that no lookup waits for, one fresh listing for a no-cache burst), and the bundle budgets.
 * A missing bundle is built by its member's task first; a failed build fails the test.
 */
import { assert, assertEquals } from "@std/assert";
import { measureBundleSize } from "../src/bundle/bundle_sizes.ts";
import { measureCountedFigures } from "../src/counted/counted_figures.ts";

Deno.test("counted figures of the diagnostics route", async (t) => {
  const figures = await measureCountedFigures();

  await t.step("one database round trip per diagnostics request", () => {
    const { requests, roundTrips } = figures.dbRoundTrips;
    assertEquals(requests, 9);
    assertEquals(roundTrips, requests);
  });

  await t.step("one database round trip per search by email, whatever it finds", () => {
    const { requests, roundTrips, candidates } = figures.searchRoundTrips;
    assertEquals(candidates, [2, 1, 0]);
    assertEquals(requests, 3);
    assertEquals(roundTrips, requests);
  });

  await t.step(
    "at most two 3dEye calls per report with a warm token, cache off (one-page customer)",
    () => {
      const calls = figures.warmTokenCalls;
      assertEquals(calls.tokenCalls, 0, "the token was cached");
      assertEquals(calls.pageCalls, calls.requests, "one listing page per request");
      assert(calls.perRequest <= 2, `${calls.perRequest} 3dEye calls per request`);
    },
  );

  await t.step("one token request for 500 concurrent requests on a cold client", () => {
    const burst = figures.coldTokenBurst;
    assertEquals(burst.concurrentRequests, 500);
    assertEquals(burst.okResponses, 500);
    assertEquals(burst.tokenRequests, 1);
  });

  await t.step("a 10,000-user customer: 100 pages, concurrent but at most 4 in flight", () => {
    const scan = figures.largeCustomer;
    assertEquals(scan.remoteError, null);
    assertEquals(scan.reportedUserCount, 10_000);
    assertEquals(scan.pagesFetched, scan.pagesWithinCap);
    assertEquals(scan.pagesFetched, 100);
    assert(scan.maxPagesInFlight > 1, "pages after the first are fetched concurrently");
    assert(scan.maxPagesInFlight <= scan.pageConcurrency, "at most pageConcurrency in flight");
  });

  const cache = figures.listingCache;
  await t.step(
    "100 lookups of different users in a 10,000-user customer within the TTL: 1 listing",
    () => {
      assertEquals([cache.customerUsers, cache.lookups], [10_000, 100]);
      assertEquals(cache.withinTtl, { listings: 1, pages: 100, correctReports: 100 });
    },
  );

  await t.step("after the TTL: one background refresh, and no lookup waits for it", () => {
    const after = cache.afterTtl;
    assertEquals([after.refreshes, after.refreshPages, after.refreshed], [1, 100, true]);
    assertEquals(after.correctReports, 100);
    // Every answer carried the stale listing's time, and the refresh was not done when the last
    // one left: nobody waited for its pages.
    assertEquals(after.staleAnswers, 100);
    assert(after.refreshPagesAtLastAnswer < 100, `${after.refreshPagesAtLastAnswer} pages`);
  });

  await t.step("a burst of 100 no-cache lookups: one fresh listing, shared", () => {
    const burst = cache.noCacheBurst;
    assertEquals([burst.listings, burst.pages, burst.distinctFetchedAt], [1, 100, 1]);
    assertEquals([burst.newerThanKept, burst.correctReports], [true, 100]);
  });

  await t.step("the same 100 lookups with the cache off: 100 listings", () => {
    assertEquals([cache.cacheOff.listings, cache.cacheOff.correctReports], [100, 100]);
    // Each stops its own listing once its user is seen (early stop), yet costs far more.
    assert(cache.cacheOff.pages > 10 * cache.withinTtl.pages, `${cache.cacheOff.pages} pages`);
  });

  await t.step("the scan cap (2,500 users) stops the listing at 25 pages", () => {
    const scan = figures.largeCustomerCapped;
    assertEquals(scan.remoteError, null);
    assertEquals(scan.reportedUserCount, 10_000);
    assertEquals(scan.pagesFetched, 25);
    assert(scan.maxPagesInFlight > 1 && scan.maxPagesInFlight <= scan.pageConcurrency);
  });
});

Deno.test("the widget bundle is at most 25 KiB gzip", async () => {
  const widget = await measureBundleSize("widget");
  assert(
    widget.gzipBytes <= widget.budgetBytes,
    `${widget.file} is ${widget.gzipBytes} bytes gzip, over ${widget.budgetBytes}`,
  );
});

Deno.test("the Worker bundle is at most 120 KiB gzip", async () => {
  const worker = await measureBundleSize("worker");
  assert(
    worker.gzipBytes <= worker.budgetBytes,
    `${worker.file} is ${worker.gzipBytes} bytes gzip, over ${worker.budgetBytes}`,
  );
});
