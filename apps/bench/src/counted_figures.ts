/**
 * The COUNTED figures: round trips per request, which do not depend on machine speed and are
 * therefore both benchmark output and test assertions. Each figure runs the real app
 * (`createApp` over `createServices`, the read-only SQLite executor wrapped by
 * `countRoundTrips`) in this process against the 3dEye stand-in, and reads the counters:
 *
 * - database round trips per diagnostics request (the design says one: a single batch);
 * - database round trips per search by email (one statement, one batch);
 * - 3dEye calls per request with a warm token, one-page customer (at most two);
 * - token requests for 500 concurrent requests on a cold client (single flight: one);
 * - listing pages for a 10,000-user customer: within the scan cap, and concurrent (bounded).
 *
 * @module
 */
import { countRoundTrips, createApp, createServices, parseConfig } from "@spkey/api";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import {
  DEMO_USERS,
  generateThreedeyeUsers,
  startThreedeyeStandin,
  type ThreedeyeStandin,
} from "@spkey/standins";
import {
  adminHeaders,
  BENCH_USER_IDS,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
} from "./bench_fixture.ts";

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

/** All counted figures. */
export interface CountedFigures {
  dbRoundTrips: DbRoundTrips;
  searchRoundTrips: SearchRoundTrips;
  warmTokenCalls: WarmTokenCalls;
  coldTokenBurst: ColdTokenBurst;
  largeCustomer: LargeCustomerScan;
  largeCustomerCapped: LargeCustomerScan;
}

/** The app under count, in this process. */
interface CountedStack {
  standin: ThreedeyeStandin;
  roundTrips(): number;
  /** GET the diagnostics of `userId`; returns status and parsed body. */
  diagnose(userId: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** GET the search for `email`; returns status and parsed body. */
  search(email: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function startCountedStack(
  databasePath: string,
  options: { latencyMs?: number; settings?: Record<string, string> } = {},
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
    ...createServices(config, { executor: counter.executor }),
    logger: () => {},
  });
  return {
    standin,
    roundTrips: counter.count,
    async diagnose(userId) {
      const response = await app.request(`/admin/threedeye/users/${userId}`, { headers });
      return { status: response.status, body: await response.json() };
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
  const stack = await startCountedStack(databasePath);
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
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
