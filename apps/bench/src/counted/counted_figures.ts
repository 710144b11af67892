/**
 * The COUNTED figures: round trips per request, which do not depend on machine speed and are
 * therefore both benchmark output and test assertions. Each figure runs the real app
 * (`createApp` over `createServices`, the read-only SQLite executor wrapped by
 * `countRoundTrips`) in this process against the 3dEye stand-in, and reads the counters:
 *
 * - database round trips per diagnostics request (the design says one: a single batch);
 * - database round trips per search by email (one statement, one batch);
 * - 3dEye calls per request with a warm token, one-page customer, the listing cache off (at most
 *   two);
 * - token requests for 500 concurrent requests on a cold client (single flight: one);
 * - listing pages for a 10,000-user customer: within the scan cap, and concurrent (bounded);
 * - the listing cache in a 10,000-user customer (100 pages): 100 lookups of different users
 *   within the TTL cost ONE listing; after the TTL, one background refresh that no lookup waits
 *   for; a burst of `Cache-Control: no-cache` lookups, one fresh listing; and, for comparison,
 *   the same 100 lookups with the cache off.
 *
 * @module
 */
import { createApp, createServices, parseConfig } from "@spkey/api";
import { countRoundTrips } from "@spkey/api/store";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import {
  DEMO_USERS,
  generateThreedeyeUsers,
  startThreedeyeStandin,
  type ThreedeyeStandin,
} from "@spkey/testkit";
import {
  adminHeaders,
  BENCH_USER_IDS,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
} from "../shared/bench_fixture.ts";
import {
  LISTING_CUSTOMER_USERS,
  listingCustomer,
  type ListingLookupUser,
  listingLookupUsers,
  seedListingLookupUsers,
} from "../listing/listing_customer.ts";
import { round, summarizeLatencies } from "../shared/stats.ts";

/** Round trips per diagnostics request to the database. */
export interface DbRoundTrips {
  requests: number;
  roundTrips: number;
  perRequest: number;
}

/** Round trips per search by email to the database, over searches finding 2, 1 and 0 users. */
export interface SearchRoundTrips {
  requests: number;
  roundTrips: number;
  perRequest: number;
  /** Candidates each search answered, in order (proves the searches found what they should). */
  candidates: number[];
}

/** The searches counted: the demo's shared address, one user, and nobody. */
export const COUNTED_SEARCHES = ["ALICE@example.com", "frank@example.com", "nobody@example.com"];

/** 3dEye calls per diagnostics request once the token is cached. */
export interface WarmTokenCalls {
  requests: number;
  tokenCalls: number;
  pageCalls: number;
  getUserCalls: number;
  perRequest: number;
}

/** Token requests for a burst of concurrent requests on a cold client. */
export interface ColdTokenBurst {
  concurrentRequests: number;
  okResponses: number;
  tokenRequests: number;
}

/** How a large customer is listed. */
export interface LargeCustomerScan {
  customerUsers: number;
  pageSize: number;
  scanCap: number;
  pageConcurrency: number;
  /** Pages the stand-in served for ONE diagnostics request. */
  pagesFetched: number;
  /** ceil(min(users, cap) / pageSize). */
  pagesWithinCap: number;
  maxPagesInFlight: number;
  /** What the report said (`remote.customerUserCount`). */
  reportedUserCount: number | null;
  remoteError: string | null;
}

/** Upstream cost of lookups with the listing cache, in a 10,000-user customer (100 pages). */
export interface ListingCacheFigures {
  customerUsers: number;
  /** Lookups per phase, each of a different user. */
  lookups: number;
  ttlSeconds: number;
  /** 100 lookups one after another within the TTL. */
  withinTtl: { listings: number; pages: number; correctReports: number };
  /** The same 100 lookups once the listing is stale, the stand-in's pages slowed down. */
  afterTtl: {
    pageLatencyMs: number;
    /** Answers carrying the stale listing's time: served without waiting for the refresh. */
    staleAnswers: number;
    correctReports: number;
    /** Listings started by the 100 stale lookups (the background refresh). */
    refreshes: number;
    /** Pages of the refresh served when the last stale answer arrived (of 100). */
    refreshPagesAtLastAnswer: number;
    /** The stale answers' latency, against one page's. */
    answerMs: { p50: number; max: number };
    /** Pages the refresh cost in all, and whether a later lookup got it. */
    refreshPages: number;
    refreshed: boolean;
  };
  /** 100 concurrent lookups with `Cache-Control: no-cache`, on a fresh kept listing. */
  noCacheBurst: {
    pageLatencyMs: number;
    listings: number;
    pages: number;
    /** Distinct X-Remote-Fetched-At values the burst got (one listing: 1). */
    distinctFetchedAt: number;
    newerThanKept: boolean;
    correctReports: number;
  };
  /** The 100 lookups of `withinTtl` with the cache off (TTL 0), one after another. */
  cacheOff: { listings: number; pages: number; correctReports: number };
}

/** All counted figures. */
export interface CountedFigures {
  dbRoundTrips: DbRoundTrips;
  searchRoundTrips: SearchRoundTrips;
  warmTokenCalls: WarmTokenCalls;
  coldTokenBurst: ColdTokenBurst;
  largeCustomer: LargeCustomerScan;
  largeCustomerCapped: LargeCustomerScan;
  listingCache: ListingCacheFigures;
}

/** A report as the counted stack answers it. */
interface CountedAnswer {
  status: number;
  body: Record<string, unknown>;
  /** `X-Remote-Fetched-At` as ms since the epoch; NaN without it. */
  fetchedAt: number;
  ms: number;
}

/** The app under count, in this process. */
interface CountedStack {
  standin: ThreedeyeStandin;
  roundTrips(): number;
  /** GET the diagnostics of `userId` (with `extra` request headers). */
  diagnose(userId: string, extra?: Record<string, string>): Promise<CountedAnswer>;
  /** GET the search for `email`; returns status and parsed body. */
  search(email: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function startCountedStack(
  databasePath: string,
  options: { latencyMs?: number; settings?: Record<string, string>; now?: () => number } = {},
): Promise<CountedStack> {
  const standin = startThreedeyeStandin({ latencyMs: options.latencyMs ?? 0 });
  const credentials = randomCredentials();
  const headers = await adminHeaders(credentials);
  const config = parseConfig(
    serviceSettings({ credentials, threedeyeUrl: standin.url, extra: options.settings }),
  );
  const sqlite = createSqliteExecutor(databasePath, { readOnly: true });
  const counter = countRoundTrips(sqlite);
  const app = createApp({
    config,
    ...createServices(config, { executor: counter.executor, now: options.now }),
    logger: () => {},
  });
  return {
    standin,
    roundTrips: counter.count,
    async diagnose(userId, extra = {}) {
      const started = performance.now();
      const response = await app.request(`/admin/threedeye/users/${userId}`, {
        headers: { ...headers, ...extra },
      });
      const body = await response.json();
      return {
        status: response.status,
        body,
        fetchedAt: Date.parse(response.headers.get("x-remote-fetched-at") ?? ""),
        ms: performance.now() - started,
      };
    },
    async search(email) {
      const query = new URLSearchParams({ email });
      const response = await app.request(`/admin/threedeye/users?${query}`, { headers });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      sqlite.close();
      await standin.close();
    },
  };
}

function expectOk(status: number, what: string): void {
  if (status !== 200) throw new Error(`Counting ${what} failed: a request answered ${status}.`);
}

async function countDbRoundTrips(databasePath: string): Promise<DbRoundTrips> {
  const stack = await startCountedStack(databasePath);
  try {
    for (const id of BENCH_USER_IDS) expectOk((await stack.diagnose(id)).status, "round trips");
    const requests = BENCH_USER_IDS.length;
    const roundTrips = stack.roundTrips();
    return { requests, roundTrips, perRequest: roundTrips / requests };
  } finally {
    await stack.close();
  }
}

async function countSearchRoundTrips(databasePath: string): Promise<SearchRoundTrips> {
  const stack = await startCountedStack(databasePath);
  try {
    const candidates: number[] = [];
    for (const email of COUNTED_SEARCHES) {
      const { status, body } = await stack.search(email);
      expectOk(status, "search round trips");
      candidates.push(Array.isArray(body.candidates) ? body.candidates.length : -1);
    }
    const requests = COUNTED_SEARCHES.length;
    const roundTrips = stack.roundTrips();
    return { requests, roundTrips, perRequest: roundTrips / requests, candidates };
  } finally {
    await stack.close();
  }
}

async function countWarmTokenCalls(databasePath: string): Promise<WarmTokenCalls> {
  // Each report's own cost: with the cache on, reports after the first cost nothing.
  const stack = await startCountedStack(databasePath, {
    settings: { THREEDEYE_LISTING_TTL_SECONDS: "0" },
  });
  try {
    expectOk((await stack.diagnose(DEMO_USERS.healthy)).status, "3dEye calls");
    stack.standin.resetCounts();
    for (const id of BENCH_USER_IDS) expectOk((await stack.diagnose(id)).status, "3dEye calls");
    const { token, pages, getUser } = stack.standin.counts;
    const requests = BENCH_USER_IDS.length;
    return {
      requests,
      tokenCalls: token,
      pageCalls: pages,
      getUserCalls: getUser,
      perRequest: (token + pages + getUser) / requests,
    };
  } finally {
    await stack.close();
  }
}

async function countColdTokenBurst(databasePath: string, burst: number): Promise<ColdTokenBurst> {
  // A little latency keeps the token call in flight while the whole burst arrives.
  const stack = await startCountedStack(databasePath, { latencyMs: 20 });
  try {
    const answers = await Promise.all(
      Array.from(
        { length: burst },
        (_, i) => stack.diagnose(BENCH_USER_IDS[i % BENCH_USER_IDS.length]),
      ),
    );
    return {
      concurrentRequests: burst,
      okResponses: answers.filter((a) => a.status === 200 && remoteOf(a.body).error === null)
        .length,
      tokenRequests: stack.standin.counts.token,
    };
  } finally {
    await stack.close();
  }
}

async function countLargeCustomer(
  databasePath: string,
  customerUsers: number,
  settings: { pageSize: number; scanCap: number; pageConcurrency: number },
): Promise<LargeCustomerScan> {
  const stack = await startCountedStack(databasePath, {
    latencyMs: 2,
    settings: {
      THREEDEYE_PAGE_SIZE: String(settings.pageSize),
      THREEDEYE_MAX_USERS: String(settings.scanCap),
      THREEDEYE_PAGE_CONCURRENCY: String(settings.pageConcurrency),
    },
  });
  try {
    stack.standin.setUsers(generateThreedeyeUsers(customerUsers));
    const { status, body } = await stack.diagnose(DEMO_USERS.healthy);
    expectOk(status, "listing pages");
    const remote = remoteOf(body);
    return {
      customerUsers,
      ...settings,
      pagesFetched: stack.standin.counts.pages,
      pagesWithinCap: Math.ceil(Math.min(customerUsers, settings.scanCap) / settings.pageSize),
      maxPagesInFlight: stack.standin.counts.maxConcurrentPages,
      reportedUserCount: typeof remote.customerUserCount === "number"
        ? remote.customerUserCount
        : null,
      remoteError: typeof remote.error === "string" ? remote.error : null,
    };
  } finally {
    await stack.close();
  }
}

function remoteOf(body: Record<string, unknown>): Record<string, unknown> {
  const remote = body.remote;
  return typeof remote === "object" && remote !== null ? remote as Record<string, unknown> : {};
}

/** The listing cache's TTL the figures run with: the default. */
const LISTING_TTL_SECONDS = 60;
/** The stand-in's page latency while the refresh and the no-cache listing run. */
const SLOW_PAGE_MS = 100;

/** Whether a report of `user` is the healthy one the large customer gives. */
function isCorrectReport(answer: CountedAnswer, user: ListingLookupUser): boolean {
  const remote = remoteOf(answer.body);
  const mapping = answer.body.mapping as Record<string, unknown> | undefined;
  return answer.status === 200 && remote.error === null &&
    remote.customerUserCount === LISTING_CUSTOMER_USERS && remote.emailPresentInCustomer === true &&
    remote.match === true && mapping?.remoteAccountExists === true &&
    Array.isArray(remote.sampleEmails) && remote.sampleEmails[0] === user.email;
}

/**
 * Waits (at most 30 s) until `done` holds: a listing nobody waits for ends on its own. (The
 * stand-in counts a page when asked, so its last pages are still answering when the count is
 * full: a listing has ended once a lookup sees it, or a page's latency later.)
 */
async function until(
  done: () => boolean | Promise<boolean>,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!await done()) {
    if (Date.now() > deadline) throw new Error(`Counting the listing cache failed: ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function countListingCache(databasePath: string): Promise<ListingCacheFigures> {
  const users = listingLookupUsers(100);
  // The listing's age runs on this clock: moving it past the TTL needs no minute of waiting.
  let clockOffsetMs = 0;
  const stack = await startCountedStack(databasePath, {
    latencyMs: 2,
    now: () => Date.now() + clockOffsetMs,
    // Slow pages must not meet the probe deadline: the refresh takes about 26 × 100 ms.
    settings: {
      THREEDEYE_LISTING_TTL_SECONDS: String(LISTING_TTL_SECONDS),
      THREEDEYE_PROBE_DEADLINE_MS: "20000",
    },
  });
  const { standin } = stack;
  try {
    standin.setUsers(listingCustomer());
    const correct = (answers: CountedAnswer[]) =>
      answers.filter((answer, i) => isCorrectReport(answer, users[i])).length;

    // 1. Within the TTL: one listing, whatever the users.
    const within: CountedAnswer[] = [];
    for (const user of users) within.push(await stack.diagnose(user.userId));
    await until(() => standin.counts.pages >= 100, "the first listing did not end");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const withinTtl = {
      listings: standin.counts.list,
      pages: standin.counts.pages,
      correctReports: correct(within),
    };
    const keptAt = within[0].fetchedAt;

    // 2. After the TTL: answered from the stale listing while ONE refresh runs.
    clockOffsetMs += LISTING_TTL_SECONDS * 1000;
    standin.resetCounts();
    standin.setLatency(SLOW_PAGE_MS);
    // Spread over about half the refresh's time (5 ms apart), so that it is under way meanwhile.
    const stale: CountedAnswer[] = [];
    for (const user of users) {
      stale.push(await stack.diagnose(user.userId));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const refreshPagesAtLastAnswer = standin.counts.pages;
    let latest = stale[0];
    await until(async () => {
      latest = await stack.diagnose(users[0].userId);
      return latest.fetchedAt > keptAt;
    }, "the refresh did not land");
    const staleMs = summarizeLatencies(stale.map((answer) => answer.ms));
    const afterTtl = {
      pageLatencyMs: SLOW_PAGE_MS,
      staleAnswers: stale.filter((answer) => answer.fetchedAt === keptAt).length,
      correctReports: correct(stale),
      refreshes: standin.counts.list,
      refreshPagesAtLastAnswer,
      answerMs: { p50: round(staleMs.p50, 2), max: round(staleMs.max, 2) },
      refreshPages: standin.counts.pages,
      refreshed: latest.fetchedAt > keptAt,
    };

    // 3. A burst of no-cache lookups on the fresh kept listing: one fresh listing.
    standin.resetCounts();
    const burst = await Promise.all(
      users.map((user) => stack.diagnose(user.userId, { "Cache-Control": "no-cache" })),
    );
    await until(() => standin.counts.pages >= 100, "the no-cache listing did not end");
    await new Promise((resolve) => setTimeout(resolve, 2 * SLOW_PAGE_MS));
    const noCacheBurst = {
      pageLatencyMs: SLOW_PAGE_MS,
      listings: standin.counts.list,
      pages: standin.counts.pages,
      distinctFetchedAt: new Set(burst.map((answer) => answer.fetchedAt)).size,
      newerThanKept: burst.every((answer) => answer.fetchedAt > latest.fetchedAt),
      correctReports: correct(burst),
    };
    return {
      customerUsers: LISTING_CUSTOMER_USERS,
      lookups: users.length,
      ttlSeconds: LISTING_TTL_SECONDS,
      withinTtl,
      afterTtl,
      noCacheBurst,
      cacheOff: await countWithoutListingCache(databasePath, users),
    };
  } finally {
    await stack.close();
  }
}

/** The same lookups, each listing for itself (TTL 0; a report stops its listing early). */
async function countWithoutListingCache(
  databasePath: string,
  users: readonly ListingLookupUser[],
): Promise<ListingCacheFigures["cacheOff"]> {
  const stack = await startCountedStack(databasePath, {
    settings: { THREEDEYE_LISTING_TTL_SECONDS: "0" },
  });
  try {
    stack.standin.setUsers(listingCustomer());
    let correctReports = 0;
    for (const user of users) {
      if (isCorrectReport(await stack.diagnose(user.userId), user)) correctReports++;
    }
    return {
      listings: stack.standin.counts.list,
      pages: stack.standin.counts.pages,
      correctReports,
    };
  } finally {
    await stack.close();
  }
}

/** The defaults of the 3dEye client (page size 100, cap 10,000, 4 pages in flight). */
export const DEFAULT_SCAN = { pageSize: 100, scanCap: 10_000, pageConcurrency: 4 } as const;

/**
 * Measures every counted figure (a few seconds; loopback only).
 *
 * @param options `burst`: concurrent cold requests (default 500); `largeCustomerUsers`
 *   (default 10,000); `cappedScan`: the cap of the capped variant (default 2,500).
 */
export async function measureCountedFigures(
  options: { burst?: number; largeCustomerUsers?: number; cappedScan?: number } = {},
): Promise<CountedFigures> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-counted-" });
  try {
    const databasePath = prepareBenchDatabase(dir);
    seedListingLookupUsers(databasePath, listingLookupUsers(100));
    const users = options.largeCustomerUsers ?? 10_000;
    return {
      dbRoundTrips: await countDbRoundTrips(databasePath),
      searchRoundTrips: await countSearchRoundTrips(databasePath),
      warmTokenCalls: await countWarmTokenCalls(databasePath),
      coldTokenBurst: await countColdTokenBurst(databasePath, options.burst ?? 500),
      largeCustomer: await countLargeCustomer(databasePath, users, DEFAULT_SCAN),
      largeCustomerCapped: await countLargeCustomer(databasePath, users, {
        ...DEFAULT_SCAN,
        scanCap: options.cappedScan ?? 2_500,
      }),
      listingCache: await countListingCache(databasePath),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
