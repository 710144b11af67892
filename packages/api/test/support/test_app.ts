/**
 * Builds the app over fakes for unit tests: fixed test credentials, captured log lines, the demo
 * dataset by default, and helpers to mint admin JWTs and headers.
 *
 * @module
 */
import { type AppDeps, createApp } from "../../src/app.ts";
import { type Env, parseConfig } from "../../src/config.ts";
import type { DiagnosticsStore, ThreedeyeDirectory } from "../../src/domain.ts";
import { signHs256 } from "@spkey/testkit/conformance";
import { demoDirectory, demoStore } from "./demo_fixture.ts";
import { fakeListing } from "./fakes.ts";

/** Admin API key configured on test apps. */
export const TEST_ADMIN_KEY = "test-admin-key-0123456789abcdef";
/** A second configured key (rotation). */
export const TEST_ROTATED_KEY = "test-rotated-admin-key-9876543210";
/** HS256 secret configured on test apps. */
export const TEST_JWT_SECRET = "test-jwt-secret-0123456789abcdefghijklmn";
export const TEST_ISSUER = "https://auth.smartphonekey.test";
export const TEST_AUDIENCE = "spkey-admin";
/** Claims of a valid admin. */
export const ADMIN_CLAIMS = { sub: "admin-7f3a", email: "ops@smartphonekey.com" };

/** The env of test apps: both keys, the HS256 secret, issuer and audience. */
export function testEnv(overrides: Env = {}): Env {
  return {
    ADMIN_API_KEYS: `${TEST_ADMIN_KEY},${TEST_ROTATED_KEY}`,
    JWT_SECRET: TEST_JWT_SECRET,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    ADMIN_AUTH_FAILURE_LIMIT: "1000",
    ...overrides,
  };
}

/** Options of {@linkcode buildTestApp}. */
export interface TestAppOptions extends Partial<Omit<AppDeps, "config" | "threedeye">> {
  env?: Env;
  /** The 3dEye directory (default the demo customer's); null: 3dEye not configured. */
  threedeye?: ThreedeyeDirectory | null;
  /** How long the app keeps the 3dEye listing (default 0: every report lists). */
  listingTtlMs?: number;
}

/**
 * Builds an app over fakes, 3dEye behind a listing cache over `threedeye`; `logs` collects
 * every log line.
 */
export function buildTestApp(options: TestAppOptions = {}) {
  const logs: Record<string, unknown>[] = [];
  const store: DiagnosticsStore = options.store ?? demoStore();
  const threedeye: ThreedeyeDirectory | null = options.threedeye === undefined
    ? demoDirectory()
    : options.threedeye;
  const config = parseConfig(options.env ?? testEnv());
  const app = createApp({
    ...options,
    config,
    store,
    threedeye: threedeye === null ? null : fakeListing(threedeye, options.listingTtlMs),
    turnkey: options.turnkey ?? null,
    logger: (line) => logs.push(line),
  });
  return { app, logs, config, store, threedeye };
}

/** Claims of a valid admin token valid for five minutes from `nowSeconds`. */
export function adminClaims(
  overrides: Record<string, unknown> = {},
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, unknown> {
  return {
    ...ADMIN_CLAIMS,
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: nowSeconds,
    exp: nowSeconds + 300,
    ...overrides,
  };
}

/** An HS256 admin JWT (claims merged over {@linkcode adminClaims}). */
export function adminJwt(overrides: Record<string, unknown> = {}): Promise<string> {
  return signHs256(adminClaims(overrides), TEST_JWT_SECRET);
}

/** Both auth headers of a valid admin. */
export async function adminHeaders(
  overrides: Record<string, unknown> = {},
): Promise<Record<string, string>> {
  return {
    "X-Admin-API-Key": TEST_ADMIN_KEY,
    Authorization: `Bearer ${await adminJwt(overrides)}`,
  };
}
