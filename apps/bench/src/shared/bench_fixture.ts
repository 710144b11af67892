/**
 * The pieces every measurement sets up the same way: a temporary SQLite file migrated and seeded
 * with the shared demo rows, fresh random admin credentials (never printed), the admin headers
 * (API key + an HS256 JWT for an admin at the default admin domain), the service settings that
 * point 3dEye at a stand-in, and the diagnostics URLs of the demo users.
 *
 * @module
 */
import { migrateSqlite } from "@spkey/api/sqlite";
import {
  DEMO_CUSTOMER_ID,
  DEMO_THREEDEYE_CREDENTIALS,
  DEMO_USERS,
  seedDemoData,
  signDemoJwt,
} from "@spkey/testkit";

/** Admin credentials of one bench run. */
export interface BenchCredentials {
  adminApiKey: string;
  jwtSecret: string;
}

/** The demo user ids, one per diagnostics state, in a fixed order. */
export const BENCH_USER_IDS: readonly string[] = Object.values(DEMO_USERS);

/**
 * Fresh random credentials.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { randomCredentials } from "./bench_fixture.ts";
 * const { adminApiKey, jwtSecret } = randomCredentials();
 * assert(adminApiKey.length >= 16 && jwtSecret.length >= 32);
 * ```
 */
export function randomCredentials(): BenchCredentials {
  return { adminApiKey: randomHex("bench-admin-key-"), jwtSecret: randomHex("bench-jwt-secret-") };
}

function randomHex(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The dual-auth headers: `X-Admin-API-Key` and an HS256 JWT (the stand-ins' demo signer, 12 h)
 * for a bench admin at the default admin domain.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { adminHeaders, randomCredentials } from "./bench_fixture.ts";
 * const headers = await adminHeaders(randomCredentials());
 * assert(headers.authorization.startsWith("Bearer ey"));
 * ```
 */
export async function adminHeaders(
  credentials: BenchCredentials,
): Promise<Record<string, string>> {
  const jwt = await signDemoJwt(credentials.jwtSecret, {
    sub: "bench-admin",
    email: "bench.admin@smartphonekey.com",
  });
  return { "x-admin-api-key": credentials.adminApiKey, authorization: `Bearer ${jwt}` };
}

/** Creates, migrates and seeds `${dir}/bench.sqlite` with the demo rows; returns its path. */
export function prepareBenchDatabase(dir: string): string {
  const path = `${dir}/bench.sqlite`;
  migrateSqlite(path);
  seedDemoData(path);
  return path;
}

/**
 * Settings that turn the 3dEye listing cache off, for the figures that measure each report's
 * own 3dEye probe (HTTP stack and latency, load, fault soak): with the cache on, all but the
 * first report of a minute would be answered from the kept listing, and the stand-in (or the
 * faulty proxy) would hardly be asked. The cache has figures of its own (`counted`, `listing`).
 */
export const LISTING_CACHE_OFF: Readonly<Record<string, string>> = {
  THREEDEYE_LISTING_TTL_SECONDS: "0",
};

/**
 * The service settings for a bench run: the credentials, the database, 3dEye at `threedeyeUrl`
 * (a stand-in), plus `extra` (which wins).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { randomCredentials, serviceSettings } from "./bench_fixture.ts";
 * const env = serviceSettings({
 *   credentials: randomCredentials(), databasePath: "/tmp/x.sqlite",
 *   threedeyeUrl: "http://127.0.0.1:1/v3", extra: { THREEDEYE_TIMEOUT_MS: "300" },
 * });
 * assertEquals([env.THREEDEYE_TIMEOUT_MS, env.DATABASE_PATH], ["300", "/tmp/x.sqlite"]);
 * ```
 */
export function serviceSettings(options: {
  credentials: BenchCredentials;
  databasePath?: string;
  threedeyeUrl: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    ADMIN_API_KEYS: options.credentials.adminApiKey,
    JWT_SECRET: options.credentials.jwtSecret,
    THREEDEYE_API_BASE: options.threedeyeUrl,
    THREEDEYE_API_KEY: DEMO_THREEDEYE_CREDENTIALS.apiKey,
    THREEDEYE_USERNAME: DEMO_THREEDEYE_CREDENTIALS.username,
    THREEDEYE_PASSWORD: DEMO_THREEDEYE_CREDENTIALS.password,
    THREEDEYE_CUSTOMER_ID: DEMO_CUSTOMER_ID,
    // Load runs send thousands of requests from one address; they all authenticate anyway.
    ADMIN_AUTH_FAILURE_LIMIT: "1000000",
    ...(options.databasePath === undefined ? {} : { DATABASE_PATH: options.databasePath }),
    ...options.extra,
  };
}

/**
 * The diagnostics URL of every demo user under `baseUrl` (with an optional path prefix).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { diagnosticsUrls } from "./bench_fixture.ts";
 * const [first] = diagnosticsUrls("http://127.0.0.1:8787", "/bare");
 * assertEquals(
 *   first,
 *   "http://127.0.0.1:8787/bare/admin/threedeye/users/11111111-1111-4111-8111-111111111111",
 * );
 * ```
 */
export function diagnosticsUrls(baseUrl: string, prefix = ""): string[] {
  return BENCH_USER_IDS.map((id) => `${baseUrl}${prefix}/admin/threedeye/users/${id}`);
}

/** An access token of the 3dEye stand-in at `base`, for asking it directly (baselines). */
export async function standinAccessToken(base: string): Promise<string> {
  const { apiKey, username, password } = DEMO_THREEDEYE_CREDENTIALS;
  const response = await fetch(`${base}/auth/token`, {
    method: "POST",
    headers: { "x-api-key": apiKey, "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const { accessToken } = await response.json();
  if (typeof accessToken !== "string") {
    throw new Error(`Getting a token from the 3dEye stand-in failed (${response.status}).`);
  }
  return accessToken;
}
