/**
 * What a lookup costs in time in a 10,000-user customer (100 pages of 100), in ONE run: the bench
 * server (full stack with the listing cache, and its store-only variant) in its own process, the
 * 3dEye stand-in in this one, the load generator in a third.
 *
 * - WARM: lookups of 100 different users served from the kept listing, against the store-only
 *   variant (3dEye off) answering the same users, interleaved rounds at concurrency 1. Target:
 *   p50 within 1 ms of the store-only p50 (the index answers in microseconds, whatever the
 *   customer's size).
 * - COLD: lookups that need the whole listing (`Cache-Control: no-cache`, for a user neither
 *   of whose 3dEye facts is in the customer, so no early stop), one at a time, the stand-in's
 *   pages at a fixed latency; against page latency × pages / page concurrency (the nominal
 *   latency, and the page latency measured by asking the stand-in directly in the same run).
 *
 * @module
 */
import { DEMO_THREEDEYE_CREDENTIALS, DEMO_USERS, startThreedeyeStandin } from "@spkey/testkit";
import { BENCH_APP_HEADER, STORE_ONLY_VALUE } from "../http/bench_app.ts";
import {
  adminHeaders,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
  standinAccessToken,
} from "../shared/bench_fixture.ts";
import { startBenchServer } from "../http/bench_server_process.ts";
import {
  LISTING_CUSTOMER_USERS,
  LISTING_PAGE_SIZE,
  listingCustomer,
  listingLookupUsers,
  seedListingLookupUsers,
} from "./listing_customer.ts";
import { spawnLoadClient } from "../load/load_client_process.ts";
import { assertAllOk, type TargetFigures } from "../load/load_plan.ts";
import { round } from "../shared/stats.ts";

/** The warm target: a warm lookup's p50 at most this much over the store-only variant's. */
export const WARM_ALLOWANCE_MS = 1;
/** The stand-in's page latency during the cold lookups. */
export const COLD_PAGE_LATENCY_MS = 20;
const PAGE_CONCURRENCY = 4;

/** Knobs of {@linkcode measureListingLatency} (defaults in brackets). */
export interface ListingLatencyOptions {
  /** Warm: rounds [5] of requests [400] per target, after a warm-up [200]. */
  warmRounds?: number;
  warmRequestsPerRound?: number;
  warmupRequests?: number;
  /** Cold: lookups [20]. */
  coldRequests?: number;
}

/** The figures. */
export interface ListingLatencyFigures {
  customerUsers: number;
  pages: number;
  pageConcurrency: number;
  warm: {
    concurrency: number;
    users: number;
    lookup: TargetFigures;
    storeOnly: TargetFigures;
    p50OverStoreOnlyMs: number;
    allowanceMs: number;
    met: boolean;
  };
  cold: {
    pageLatencyMs: number;
    concurrency: number;
    lookup: TargetFigures;
    /** One listing page asked of the stand-in directly, same run: the real page latency. */
    pageDirect: TargetFigures;
    /** Nominal page latency × pages / page concurrency. */
    nominalMs: number;
    /** The same with the page latency measured directly. */
    measuredMs: number;
    ratioToNominal: number;
    ratioToMeasured: number;
  };
}

/** Measures the warm and the cold lookups (about 30 s here). */
export async function measureListingLatency(
  options: ListingLatencyOptions = {},
): Promise<ListingLatencyFigures> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-listing-" });
  const standin = startThreedeyeStandin({ users: listingCustomer() });
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  try {
    const databasePath = prepareBenchDatabase(dir);
    const users = listingLookupUsers(100);
    seedListingLookupUsers(databasePath, users);
    const credentials = randomCredentials();
    server = await startBenchServer(serviceSettings({
      credentials,
      threedeyeUrl: standin.url,
      databasePath,
      extra: {
        // Long enough that the warm rounds never meet a stale listing.
        THREEDEYE_LISTING_TTL_SECONDS: "600",
        THREEDEYE_PAGE_SIZE: String(LISTING_PAGE_SIZE),
        THREEDEYE_PAGE_CONCURRENCY: String(PAGE_CONCURRENCY),
        LOG_LEVEL: "warn",
      },
    }));
    const headers = await adminHeaders(credentials);
    const report = (userId: string) => `${server!.baseUrl}/admin/threedeye/users/${userId}`;
    const urls = users.map((user) => report(user.userId));

    // WARM (the bench server listed the customer at start-up, for its bare route's reports).
    const warmRun = await spawnLoadClient({
      kind: "interleaved",
      targets: [
        { name: "lookup", urls, headers, inspectReports: true },
        { name: "storeOnly", urls, headers: { ...headers, [BENCH_APP_HEADER]: STORE_ONLY_VALUE } },
      ],
      concurrency: 1,
      warmupRequests: options.warmupRequests ?? 200,
      rounds: options.warmRounds ?? 5,
      requestsPerRound: options.warmRequestsPerRound ?? 400,
      maxMsPerTarget: 20_000,
    });
    assertAllOk("warm lookups", warmRun.lookup);
    assertAllOk("store-only lookups", warmRun.storeOnly);
    if ((warmRun.lookup.reports?.remoteErrors ?? 1) !== 0) {
      throw new Error("Measuring warm lookups failed: a report carried remote.error.");
    }
    const warmOver = warmRun.lookup.latencyMs.p50 - warmRun.storeOnly.latencyMs.p50;

    // COLD: every lookup lists the whole customer.
    standin.setLatency(COLD_PAGE_LATENCY_MS);
    const coldRun = await spawnLoadClient({
      kind: "interleaved",
      targets: [
        {
          name: "lookup",
          urls: [report(DEMO_USERS.accountGone)],
          headers: { ...headers, "cache-control": "no-cache" },
          inspectReports: true,
        },
        {
          name: "pageDirect",
          urls: [`${standin.url}/users?page=2&pageSize=${LISTING_PAGE_SIZE}`],
          headers: {
            authorization: `Bearer ${await standinAccessToken(standin.url)}`,
            "x-api-key": DEMO_THREEDEYE_CREDENTIALS.apiKey,
          },
        },
      ],
      concurrency: 1,
      warmupRequests: 0,
      rounds: 2,
      requestsPerRound: Math.ceil((options.coldRequests ?? 20) / 2),
      maxMsPerTarget: 60_000,
    });
    assertAllOk("cold lookups", coldRun.lookup);
    assertAllOk("stand-in pages", coldRun.pageDirect);
    if ((coldRun.lookup.reports?.remoteErrors ?? 1) !== 0) {
      throw new Error("Measuring cold lookups failed: a report carried remote.error.");
    }
    const pages = LISTING_CUSTOMER_USERS / LISTING_PAGE_SIZE;
    const nominalMs = (COLD_PAGE_LATENCY_MS * pages) / PAGE_CONCURRENCY;
    const measuredMs = (coldRun.pageDirect.latencyMs.p50 * pages) / PAGE_CONCURRENCY;
    return {
      customerUsers: LISTING_CUSTOMER_USERS,
      pages,
      pageConcurrency: PAGE_CONCURRENCY,
      warm: {
        concurrency: 1,
        users: users.length,
        lookup: warmRun.lookup,
        storeOnly: warmRun.storeOnly,
        p50OverStoreOnlyMs: round(warmOver, 3),
        allowanceMs: WARM_ALLOWANCE_MS,
        met: warmOver <= WARM_ALLOWANCE_MS,
      },
      cold: {
        pageLatencyMs: COLD_PAGE_LATENCY_MS,
        concurrency: 1,
        lookup: coldRun.lookup,
        pageDirect: coldRun.pageDirect,
        nominalMs,
        measuredMs: round(measuredMs, 1),
        ratioToNominal: round(coldRun.lookup.latencyMs.p50 / nominalMs, 3),
        ratioToMeasured: round(coldRun.lookup.latencyMs.p50 / measuredMs, 3),
      },
    };
  } finally {
    await server?.close();
    await standin.close();
    await Deno.remove(dir, { recursive: true });
  }
}
