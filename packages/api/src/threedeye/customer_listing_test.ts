import { assert, assertEquals, assertRejects } from "@std/assert";
import {
  DEMO_CUSTOMER_ID,
  DEMO_THREEDEYE_CREDENTIALS,
  startThreedeyeStandin,
} from "@spkey/testkit";
import {
  type ListingSummary,
  type ThreedeyeDirectory,
  ThreedeyeError,
  type ThreedeyeUser,
} from "../domain.ts";
import { createThreedeyeClient } from "./client.ts";
import { createCustomerListingCache, type CustomerListingCache } from "./customer_listing.ts";
import type { ListingIndex } from "./listing_index.ts";

/** One scan of the stepped directory, driven by the test. */
interface Scan {
  signal: AbortSignal | undefined;
  deadline: number | undefined;
  page(users: ThreedeyeUser[], total?: number | null): void;
  end(summary: ListingSummary): void;
  fail(error: unknown): void;
}

/** A directory whose scans the test drives page by page. */
function steppedDirectory(probeDeadlineMs = 5000) {
  const scans: Scan[] = [];
  const directory: ThreedeyeDirectory = {
    customerId: "cust-1",
    probeDeadlineMs,
    listCustomerUsers(onPage, probe) {
      return new Promise<ListingSummary>((resolve, reject) => {
        scans.push({
          signal: probe?.signal,
          deadline: probe?.deadline,
          page: (users, total = 3) => onPage({ users, total }),
          end: resolve,
          fail: reject,
        });
        probe?.signal?.addEventListener("abort", () => {
          reject(new ThreedeyeError("3dEye call was cancelled (GET /users)"));
        });
      });
    },
    getUser: () => Promise.resolve(null),
  };
  return { directory, scans };
}

const ALICE = { id: "td-1", email: "alice@example.com" };
const BOB = { id: "td-2", email: "bob@example.com" };
const CAROL = { id: "td-3", email: "carol@example.com" };
const ALL = [ALICE, BOB, CAROL];
const COMPLETE = { total: 3, complete: true };
/** Waits for the whole listing (no early stop). */
const whole = () => false;
const TTL = 60_000;
const DEADLINE = 5000;

/** A cache over a stepped directory with a hand-moved clock and hand-fired expiry timers. */
function steppedCache(ttlMs = TTL) {
  const { directory, scans } = steppedDirectory(DEADLINE);
  const clock = { now: 1_000_000 };
  const timers: Array<{ drop: () => void; ms: number; cancelled: boolean }> = [];
  const cache = createCustomerListingCache(directory, {
    ttlMs,
    now: () => clock.now,
    scheduleExpiry: (drop, ms) => {
      const timer = { drop, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  return { cache, scans, clock, timers };
}

/** A listing served whole: its pages, then its end; waits for the lookups to see it. */
async function serve(scan: Scan, users = ALL, summary = COMPLETE): Promise<void> {
  scan.page(users, summary.total);
  scan.end(summary);
  await settle();
}

/** Lets pending promise callbacks (and one timer turn) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves to "pending" when `promise` has not settled after the callbacks queued now. */
async function stateOf(promise: Promise<unknown>): Promise<"pending" | "settled"> {
  let settled = false;
  promise.then(() => (settled = true), () => (settled = true));
  await settle();
  return settled ? "settled" : "pending";
}

function lookup(cache: CustomerListingCache, fresh = false) {
  return cache.join({ fresh }).until(whole);
}

Deno.test("within the TTL, lookups of any users share ONE listing", async () => {
  const { cache, scans } = steppedCache();
  const first = lookup(cache);
  await serve(scans[0]);
  const { fetchedAt } = await first;
  for (let i = 0; i < 100; i++) {
    const view = await lookup(cache);
    assertEquals(view.fetchedAt, fetchedAt);
    assertEquals(view.index.emailOwner("bob@example.com"), "td-2");
  }
  assertEquals(scans.length, 1);
});

Deno.test("lookups arriving while a listing runs share it, with or without the cache", async () => {
  for (const ttlMs of [0, TTL]) {
    const { cache, scans } = steppedCache(ttlMs);
    const waits = Array.from({ length: 20 }, () => lookup(cache));
    assertEquals(scans.length, 1, `TTL ${ttlMs}`);
    await serve(scans[0]);
    const views = await Promise.all(waits);
    assert(views.every((view) => view.index.finished && view.index.size === 3));
  }
});

Deno.test("TTL 0 keeps nothing: a lookup after the listing ended lists again", async () => {
  const { cache, scans, timers } = steppedCache(0);
  const first = lookup(cache);
  await serve(scans[0]);
  await first;
  const second = lookup(cache);
  assertEquals(scans.length, 2);
  await serve(scans[1]);
  await second;
  assertEquals(timers, [], "nothing kept, nothing to expire");
});

Deno.test("a stale listing is served at once while ONE background refresh runs", async () => {
  const { cache, scans, clock } = steppedCache();
  const first = lookup(cache);
  await serve(scans[0]);
  const old = await first;
  clock.now += TTL; // stale from here on
  const background: Promise<unknown>[] = [];
  const answers = await Promise.all(
    Array.from({ length: 10 }, () =>
      cache.join({
        waitUntil: (work) => background.push(work),
      }).until(whole)),
  );
  // Every lookup got the stale listing without waiting: the refresh has not served a page.
  assert(answers.every((view) => view.fetchedAt === old.fetchedAt));
  assertEquals(scans.length, 2, "one refresh for ten stale lookups");
  assertEquals(background.length, 1, "the refresh is handed to waitUntil once");
  assertEquals(await stateOf(background[0]), "pending");
  clock.now += 1000;
  await serve(scans[1], [ALICE]);
  assertEquals(await stateOf(background[0]), "settled");
  const refreshed = await lookup(cache);
  assertEquals(refreshed.fetchedAt, old.fetchedAt + TTL, "the refresh started at the stale read");
  assertEquals(refreshed.index.size, 1);
  assertEquals(scans.length, 2);
});

Deno.test("a listing expires at TTL + probe deadline: the timer drops it, a lookup lists again", async () => {
  const { cache, scans, clock, timers } = steppedCache();
  const first = lookup(cache);
  clock.now += 300; // the listing took 300 ms: it still ages from its start
  await serve(scans[0]);
  await first;
  assertEquals(timers.map((t) => t.ms), [TTL + DEADLINE - 300]);
  clock.now += TTL + DEADLINE - 300;
  timers[0].drop();
  const after = lookup(cache);
  assertEquals(scans.length, 2, "nothing kept: a new listing");
  assertEquals(await stateOf(after), "pending", "and the lookup waits for it");
  await serve(scans[1]);
  assertEquals((await after).fetchedAt, clock.now);
});

Deno.test("an expired listing is dropped by the next lookup even if its timer never fired", async () => {
  const { cache, scans, clock, timers } = steppedCache();
  const first = lookup(cache);
  await serve(scans[0]);
  await first;
  clock.now += TTL + DEADLINE - 1;
  await lookup(cache); // still stale: served, one refresh started
  scans[1].fail(new ThreedeyeError("3dEye answered HTTP 500 (GET /users)"));
  await settle();
  clock.now += 1;
  const after = lookup(cache);
  assertEquals(scans.length, 3);
  assertEquals(await stateOf(after), "pending");
  assertEquals(timers[0].cancelled, true, "the dropped listing's timer is cancelled");
  await serve(scans[2]);
  await after;
});

Deno.test("no-cache: a fresh listing shared by the lookups arriving while it runs, then kept", async () => {
  const { cache, scans, clock } = steppedCache();
  const first = lookup(cache);
  await serve(scans[0]);
  const kept = await first;
  clock.now += 10_000;
  const fresh = Array.from({ length: 10 }, () => lookup(cache, true));
  const plain = await lookup(cache);
  assertEquals(plain.fetchedAt, kept.fetchedAt, "a plain lookup still gets the kept listing");
  assertEquals(scans.length, 2, "one fresh listing for ten no-cache lookups");
  assertEquals(await stateOf(fresh[0]), "pending");
  await serve(scans[1], [ALICE, BOB]);
  const views = await Promise.all(fresh);
  assert(views.every((view) => view.fetchedAt === kept.fetchedAt + 10_000));
  const next = await lookup(cache);
  assertEquals([next.fetchedAt, next.index.size], [kept.fetchedAt + 10_000, 2], "it replaced it");
});

Deno.test("a failed listing is never kept, and the lookups waiting get its error", async () => {
  const { cache, scans, timers } = steppedCache();
  const waits = [lookup(cache), lookup(cache)];
  scans[0].page([ALICE]);
  scans[0].fail(new ThreedeyeError("3dEye answered HTTP 500 (GET /users)"));
  for (const wait of waits) {
    await assertRejects(() => wait, ThreedeyeError, "3dEye answered HTTP 500 (GET /users)");
  }
  assertEquals(timers, []);
  const next = lookup(cache);
  assertEquals(scans.length, 2, "the next lookup lists again");
  await serve(scans[1]);
  assertEquals((await next).index.size, 3);
});

Deno.test("a failed refresh leaves the stale listing served until it expires, not refreshed again", async () => {
  const { cache, scans, clock } = steppedCache();
  const first = lookup(cache);
  await serve(scans[0]);
  const old = await first;
  clock.now += TTL;
  await lookup(cache);
  scans[1].fail(new ThreedeyeError("3dEye answered HTTP 500 (GET /users)"));
  await settle();
  for (let i = 0; i < 5; i++) assertEquals((await lookup(cache)).fetchedAt, old.fetchedAt);
  assertEquals(scans.length, 2, "no second refresh");
  clock.now += DEADLINE;
  const after = lookup(cache);
  assertEquals(scans.length, 3, "expired: the next lookup lists");
  await serve(scans[2]);
  await after;
});

Deno.test("early stop: a lookup gets the listing's prefix once it has enough", async () => {
  const { cache, scans } = steppedCache();
  const hasBob = (index: ListingIndex) => index.emailOwner("bob@example.com") !== undefined;
  const early = cache.join().until(hasBob);
  const late = lookup(cache);
  scans[0].page([ALICE]);
  assertEquals(await stateOf(early), "pending");
  scans[0].page([BOB]);
  const view = await early;
  assertEquals([view.index.size, view.index.finished], [2, false]);
  assertEquals(await stateOf(late), "pending");
  scans[0].page([CAROL]);
  scans[0].end(COMPLETE);
  assertEquals((await late).index.finished, true);
});

Deno.test("TTL 0: a listing nobody waits for is stopped; with a TTL the cache waits for it", async () => {
  for (const ttlMs of [0, TTL]) {
    const { cache, scans } = steppedCache(ttlMs);
    const background: Promise<unknown>[] = [];
    const hasAlice = (index: ListingIndex) => index.emailOwner("alice@example.com") !== undefined;
    const early = cache.join({ waitUntil: (work) => background.push(work) }).until(hasAlice);
    scans[0].page([ALICE]);
    await early;
    await settle();
    assertEquals(scans[0].signal?.aborted, ttlMs === 0, `TTL ${ttlMs}`);
    // The scan goes on (or ends) past the lookup: the lookup handed it to waitUntil.
    assertEquals(background.length, 1);
    if (ttlMs > 0) {
      await serve(scans[0], [BOB, CAROL]);
      assertEquals((await lookup(cache)).index.size, 3, "kept for the next lookups");
      assertEquals(scans.length, 1);
    }
  }
});

Deno.test("a lookup leaving early stops an unkept listing only when it was the last one", async () => {
  const { cache, scans } = steppedCache(0);
  const leaving = new AbortController();
  const gone = cache.join({ signal: leaving.signal }).until(whole);
  const staying = lookup(cache);
  leaving.abort();
  await assertRejects(() => gone, ThreedeyeError, "3dEye call was cancelled (GET /users)");
  assertEquals(scans[0].signal?.aborted, false, "one lookup still waits");
  await serve(scans[0]);
  assertEquals((await staying).index.size, 3);
});

Deno.test("a lookup's deadline ends its wait with the probe-deadline message", async () => {
  const { cache, scans } = steppedCache();
  const wait = cache.join({ deadline: Date.now() + 20 }).until(whole);
  await assertRejects(
    () => wait,
    ThreedeyeError,
    `3dEye did not answer within the probe deadline of ${DEADLINE} ms (GET /users)`,
  );
  assertEquals(scans[0].signal?.aborted, false, "the cache still waits for the listing");
  assert(scans[0].deadline !== undefined && scans[0].deadline > Date.now() + DEADLINE - 1000);
  await serve(scans[0]);
});

Deno.test("a scan that never settles is not waited for past its deadline + 1 s", async () => {
  const { directory, scans } = steppedDirectory(50);
  const cache = createCustomerListingCache(directory, { ttlMs: TTL });
  const stuck = cache.join({ deadline: Date.now() + 30 }).until(whole);
  await assertRejects(() => stuck, ThreedeyeError, "probe deadline of 50 ms");
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const next = lookup(cache);
  assertEquals(scans.length, 2, "a new listing, not the stuck one");
  await serve(scans[1]);
  assertEquals((await next).index.size, 3);
  // The stuck one ending late does not replace the newer listing.
  await serve(scans[0], [ALICE], { total: 1, complete: true });
  assertEquals((await lookup(cache)).index.size, 3);
});

Deno.test("the TTL must be a non-negative integer", () => {
  const { directory } = steppedDirectory();
  for (const ttlMs of [-1, 1.5, Number.NaN]) {
    try {
      createCustomerListingCache(directory, { ttlMs });
      throw new Error(`accepted ${ttlMs}`);
    } catch (error) {
      assert(error instanceof RangeError, String(error));
    }
  }
});

Deno.test("the expiry timer does not keep a Deno process alive", async () => {
  // A process that keeps a listing (60 s TTL) and then has nothing left to do must exit now,
  // not when the listing expires.
  const script = `
    import { createCustomerListingCache } from ${
    JSON.stringify(import.meta.resolve("./customer_listing.ts"))
  };
    const cache = createCustomerListingCache({
      customerId: "c", probeDeadlineMs: 5000,
      listCustomerUsers(onPage) {
        onPage({ users: [{ id: "td-1", email: null }], total: 1 });
        return Promise.resolve({ total: 1, complete: true });
      },
      getUser: () => Promise.resolve(null),
    }, { ttlMs: 60000 });
    await cache.join().until(() => false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    console.log("kept");
  `;
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-check", script],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const { code, stdout, stderr } = await child.output();
  clearTimeout(killer);
  assertEquals(
    [code, new TextDecoder().decode(stdout).trim()],
    [0, "kept"],
    new TextDecoder().decode(stderr),
  );
  const elapsed = performance.now() - started;
  assert(elapsed < 25_000, `the process lived ${Math.round(elapsed)} ms`);
});

Deno.test("over the real client: concurrent lookups share one scan; one leaving spares the rest", async () => {
  const standin = startThreedeyeStandin({ latencyMs: 50 });
  try {
    const client = createThreedeyeClient({
      baseUrl: standin.url,
      ...DEMO_THREEDEYE_CREDENTIALS,
      customerId: DEMO_CUSTOMER_ID,
    });
    await client.getUser("td-1001"); // warm the token
    standin.resetCounts();
    const cache = createCustomerListingCache(client, { ttlMs: 0 });
    const quitter = new AbortController();
    const quitting = cache.join({ signal: quitter.signal }).until(whole);
    const staying = Array.from({ length: 20 }, () => lookup(cache));
    quitter.abort();
    await assertRejects(() => quitting, ThreedeyeError, "cancelled");
    const views = await Promise.all(staying);
    assert(views.every((view) => view.index.total === 10 && view.index.complete));
    assertEquals(standin.counts.list, 1, "one scan for 21 concurrent lookups");
    await lookup(cache);
    assertEquals(standin.counts.list, 2, "with TTL 0, a lookup after the scan ended lists again");
  } finally {
    await standin.close();
  }
});

Deno.test("over the real client: the last lookup leaving an unkept listing aborts its page", async () => {
  let aborted = 0;
  let pages = 0;
  const fetch = ((input: string | URL | Request, init: RequestInit = {}) => {
    if (String(input).endsWith("/auth/token")) {
      return Promise.resolve(Response.json({ accessToken: "tok" }));
    }
    pages += 1;
    return new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => {
        aborted += 1;
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  }) as typeof globalThis.fetch;
  const client = createThreedeyeClient({
    baseUrl: "https://3deye.invalid/v3",
    apiKey: "k",
    username: "u",
    password: "p",
    fetch,
  });
  const cache = createCustomerListingCache(client, { ttlMs: 0 });
  const first = new AbortController();
  const second = new AbortController();
  const waits = [first, second].map((caller) =>
    assertRejects(() => cache.join({ signal: caller.signal }).until(whole), ThreedeyeError)
  );
  while (pages < 1) await new Promise((resolve) => setTimeout(resolve, 1));
  first.abort();
  await waits[0];
  await new Promise((resolve) => setTimeout(resolve, 20));
  assertEquals(aborted, 0, "one lookup still waits: the scan goes on");
  second.abort();
  await waits[1];
  await new Promise((resolve) => setTimeout(resolve, 20));
  assertEquals([aborted, pages], [1, 1], "nobody waits: the page in flight is aborted");
});
