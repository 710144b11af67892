/**
 * The 3dEye listing the Worker keeps (per isolate), as workerd runs it: 3dEye work that goes on
 * after a response — the rest of a listing an early-stopped report no longer waits for, and the
 * background refresh of a stale listing — must survive the response, which on Workers only
 * `executionCtx.waitUntil` ensures. Counted at the 3dEye stand-in, read in the reports'
 * `X-Remote-Fetched-At`.
 */
import { assert, assertEquals } from "@std/assert";
import {
  DEMO_USERS,
  demoThreedeyeUsers,
  generateThreedeyeUsers,
  signDemoJwt,
} from "@spkey/testkit";
import { DEMO_WORKER_SECRETS, startWorkerStack } from "./support/worker_stack.ts";

// Long enough that the background refresh (100 pages at 20 ms, 4 in flight: about 0.5 s) lands
// well inside it even on a loaded machine: a refresh that took longer than the TTL would land
// stale, and the next report would rightly start another one.
const TTL_SECONDS = 8;

/** Polls `check` every 25 ms until it holds, for at most `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return await check();
}

Deno.test("the Worker keeps the 3dEye listing: work after the response goes on through waitUntil", async (t) => {
  const stack = await startWorkerStack({
    settings: { THREEDEYE_LISTING_TTL_SECONDS: String(TTL_SECONDS) },
  });
  const threedeye = stack.threedeye!;
  const headers = {
    "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
    Authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
  };
  const report = async (userId: string, fresh = false) => {
    const response = await fetch(`${stack.url}/admin/threedeye/users/${userId}`, {
      headers: fresh ? { ...headers, "Cache-Control": "no-cache" } : headers,
    });
    const body = await response.json();
    assertEquals(response.status, 200);
    assertEquals(body.remote.error, null);
    return { body, fetchedAt: Date.parse(response.headers.get("x-remote-fetched-at") ?? "") };
  };

  try {
    // 10,000 users, the demo customer's ten on page 1 of 100.
    threedeye.setUsers([...demoThreedeyeUsers, ...generateThreedeyeUsers(9_990)]);
    threedeye.setLatency(5);
    await report(DEMO_USERS.healthy, true); // a token, compiled code
    // That listing goes on after the answer, and a no-cache lookup joins one still in flight. A
    // report that needs all of it (the mapped account is not in it) answers only once it is
    // done, so the step below starts from nothing in flight whatever the runner's speed (the
    // stand-in having served page 100 is not enough: the Worker may still be reading it).
    await report(DEMO_USERS.accountGone);

    let keptAt = 0;
    await t.step("an early-stopped report's listing completes after the response", async () => {
      threedeye.resetCounts();
      const early = await report(DEMO_USERS.healthy, true);
      assertEquals(early.body.remote.customerUserCount, 10_000);
      assertEquals([early.body.remote.match, early.body.mapping.remoteAccountExists], [true, true]);
      keptAt = early.fetchedAt;
      assert(
        await eventually(() => threedeye.counts.pages === 100, 5_000),
        `the listing stopped at ${threedeye.counts.pages} of 100 pages`,
      );
      // A report that needs the whole listing (the mapped account is not in it) gets the kept
      // one: no new page. The Worker may still be reading the last page the stand-in served;
      // until it has, the warm-up's listing is the kept one, so ask until this one answers.
      let gone = await report(DEMO_USERS.accountGone);
      assert(
        await eventually(
          async () => (gone = await report(DEMO_USERS.accountGone)).fetchedAt === keptAt,
          5_000,
        ),
        "the early-stopped report's listing was never kept",
      );
      assertEquals(gone.body.mapping.remoteAccountExists, false);
      assertEquals([threedeye.counts.list, threedeye.counts.pages], [1, 100]);
    });

    await t.step(
      "a stale listing is answered at once, and refreshed in the background",
      async () => {
        await new Promise((resolve) =>
          setTimeout(resolve, keptAt + TTL_SECONDS * 1000 + 100 - Date.now())
        );
        threedeye.setLatency(20); // the refresh takes about 100 / 4 × 20 ms
        const stale = await report(DEMO_USERS.withRecovery);
        assertEquals(stale.fetchedAt, keptAt, "the stale listing");
        assert(
          await eventually(
            async () => (await report(DEMO_USERS.healthy)).fetchedAt > keptAt,
            5_000,
          ),
          `the refresh did not land (${threedeye.counts.pages - 100} of its 100 pages)`,
        );
        assertEquals([threedeye.counts.list, threedeye.counts.pages], [2, 200], "ONE refresh");
      },
    );
  } finally {
    await stack.close();
  }
});
