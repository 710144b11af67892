/**
 * Settings of the admin diagnostics API, parsed once from environment variables (the same names
 * on Deno and as Worker vars/secrets). {@linkcode parseConfig} is pure: both runtime entries call
 * it with their env object and stop start-up on a {@linkcode ConfigError}, whose message is one
 * line naming the variable and never echoing its value (not even of a setting that is no secret:
 * one rule, so a message can never leak a secret pasted into the wrong variable). Settings that
 * are valid but risky come back as `warnings`, which each entry logs once at start-up.
 *
 * Extra names beyond the design's list: `JWT_ALGORITHM`, `ADMIN_AUTH_FAILURE_LIMIT`,
 * `ADMIN_AUTH_FAILURE_WINDOW_SECONDS`, `THREEDEYE_PAGE_SIZE`, `THREEDEYE_MAX_USERS`,
 * `THREEDEYE_PAGE_CONCURRENCY`, `TURNKEY_TIMEOUT_MS`, `D1_API_BASE`, `LOG_LEVEL`, `DENO_KV_PATH`
 * (`JWT_MAX_LIFETIME_SECONDS` is in the design's list).
 *
 * @module
 */
import type { TrustedProxy } from "./auth/client_ip.ts";
import { jwtConfigWarnings, parseJwtConfig } from "./config_jwt.ts";
import type { JwtConfig } from "./config_jwt.ts";
import {
  ConfigError,
  type Env,
  integerSetting,
  listSetting,
  readSetting,
  requireGroup,
  urlSetting,
} from "./config_parse.ts";

export { ConfigError, type Env } from "./config_parse.ts";
export type { JwtAlgorithm, JwtConfig } from "./config_jwt.ts";

/** 3dEye settings; present only when the whole group is configured. */
export interface ThreedeyeConfig {
  apiBase: string;
  apiKey: string;
  username: string;
  password: string;
  customerId: string;
  timeoutMs: number;
  /** One report's whole probe (token, pages, lookup, retries); null: the client's 5000 ms. */
  probeDeadlineMs: number | null;
  /** Byte cap of each 3dEye answer; null: the client's 4 MiB. */
  maxResponseBytes: number | null;
  pageSize: number | null;
  maxUsers: number | null;
  pageConcurrency: number | null;
  /** How long the customer's listing is kept fresh per instance, in seconds; 0: not kept. */
  listingTtlSeconds: number;
}

/** Turnkey settings; present only when the API key pair is configured. */
export interface TurnkeyConfig {
  apiBase: string;
  apiPublicKey: string;
  apiPrivateKey: string;
  organizationId: string | null;
  /** The whole Turnkey call's deadline, retries and `Retry-After` waits included. */
  timeoutMs: number;
}

/** Cloudflare D1 over its HTTP query API (Deno Deploy). */
export interface D1HttpConfig {
  apiBase: string;
  accountId: string;
  databaseId: string;
  apiToken: string;
}

/** Log verbosity. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** The parsed, validated settings. */
export interface AppConfig {
  adminApiKeys: string[];
  jwt: JwtConfig;
  /** Lowercase domains an admin JWT's `email` must belong to (exact match after '@'). */
  adminEmailDomains: string[];
  /** Failed admin auth attempts allowed per client IP within `windowMs` before 429. */
  authFailureLimit: { max: number; windowMs: number };
  /**
   * The proxy header that carries the client address on Deno, and how many trusted proxies
   * append to it; null: the connection address (the Worker always uses `CF-Connecting-IP`).
   */
  trustedProxy: TrustedProxy | null;
  threedeye: ThreedeyeConfig | null;
  turnkey: TurnkeyConfig | null;
  /** Exact origins allowed by CORS; empty means no cross-origin access. */
  corsOrigins: string[];
  d1Http: D1HttpConfig | null;
  databasePath: string | null;
  /** Deno KV file of the shared auth failure count (Deno only; see apps/edge). */
  denoKvPath: string | null;
  port: number | null;
  logLevel: LogLevel;
  /**
   * Valid but risky settings, one line each (naming variables, never values); the runtime
   * entries log each once at start-up.
   */
  warnings: string[];
}

const MIN_ADMIN_KEY_LENGTH = 16;
/** `THREEDEYE_LISTING_TTL_SECONDS` when unset: a minute of listings shared by every lookup. */
export const DEFAULT_LISTING_TTL_SECONDS = 60;
/** The longest listing TTL accepted: an hour (`Cache-Control: no-cache` gets fresh data anyway). */
const MAX_LISTING_TTL_SECONDS = 3600;
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/**
 * Parses and validates every setting.
 *
 * @param env The environment (e.g. `Deno.env.toObject()` or a Worker's `env`).
 * @returns The settings.
 * @throws {ConfigError} Naming the first bad or missing variable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseConfig } from "@spkey/api";
 * const config = parseConfig({
 *   ADMIN_API_KEYS: "demo-admin-key-0123456789",
 *   JWT_SECRET: "a-demo-jwt-secret-of-at-least-32-characters",
 * });
 * assertEquals(config.threedeye, null);
 * assertEquals(config.adminEmailDomains, ["smartphonekey.com"]);
 * assertEquals(config.jwt.maxLifetimeSeconds, 86_400);
 * assertEquals(config.warnings, []);
 * ```
 */
export function parseConfig(env: Env): AppConfig {
  // In this order, so the first bad variable named is the most basic one (ADMIN_API_KEYS).
  const adminApiKeys = parseAdminKeys(env);
  const jwt = parseJwtConfig(env);
  return {
    adminApiKeys,
    jwt,
    adminEmailDomains: parseAdminEmailDomains(env),
    authFailureLimit: {
      max: integerSetting(env, "ADMIN_AUTH_FAILURE_LIMIT", { min: 1, max: 1_000_000 }) ?? 10,
      windowMs: 1000 *
        (integerSetting(env, "ADMIN_AUTH_FAILURE_WINDOW_SECONDS", { min: 1, max: 86_400 }) ?? 60),
    },
    trustedProxy: parseTrustedProxy(env),
    threedeye: parseThreedeye(env),
    turnkey: parseTurnkey(env),
    corsOrigins: parseCorsOrigins(env),
    d1Http: parseD1Http(env),
    databasePath: readSetting(env, "DATABASE_PATH") ?? null,
    denoKvPath: readSetting(env, "DENO_KV_PATH") ?? null,
    port: integerSetting(env, "PORT", { min: 0, max: 65_535 }),
    logLevel: parseLogLevel(env),
    warnings: jwtConfigWarnings(jwt),
  };
}

function parseAdminKeys(env: Env): string[] {
  const keys = listSetting(env, "ADMIN_API_KEYS");
  if (keys.length === 0) {
    throw new ConfigError(
      "ADMIN_API_KEYS is required: a comma-separated list of admin API keys.",
    );
  }
  if (keys.some((key) => key.length < MIN_ADMIN_KEY_LENGTH)) {
    throw new ConfigError(
      `ADMIN_API_KEYS has a key shorter than ${MIN_ADMIN_KEY_LENGTH} characters.`,
    );
  }
  return keys;
}

const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

function parseAdminEmailDomains(env: Env): string[] {
  const domains = listSetting(env, "ADMIN_EMAIL_DOMAINS");
  if (domains.length === 0) return ["smartphonekey.com"];
  // Checked before lowercasing: DOMAIN is ASCII-only, so the lowercasing below cannot turn a
  // look-alike (the Kelvin sign lowercases to "k") into an admin domain.
  const bad = domains.findIndex((d) => !DOMAIN.test(d));
  if (bad !== -1) {
    throw new ConfigError(
      `ADMIN_EMAIL_DOMAINS entry ${bad + 1} is not a domain name (like smartphonekey.com).`,
    );
  }
  return domains.map((d) => d.toLowerCase());
}

// An HTTP field name (RFC 9110 token).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseTrustedProxy(env: Env): TrustedProxy | null {
  const hops = integerSetting(env, "TRUSTED_PROXY_HOPS", { min: 1, max: 16 });
  const group = requireGroup(env, ["TRUSTED_PROXY_HEADER", "TRUSTED_PROXY_HOPS"]);
  if (group === null || hops === null) return null;
  const header = group[0];
  if (!HEADER_NAME.test(header)) {
    throw new ConfigError("TRUSTED_PROXY_HEADER must be a header name such as X-Forwarded-For.");
  }
  return { header: header.toLowerCase(), hops };
}

function parseThreedeye(env: Env): ThreedeyeConfig | null {
  const group = requireGroup(env, [
    "THREEDEYE_API_KEY",
    "THREEDEYE_USERNAME",
    "THREEDEYE_PASSWORD",
    "THREEDEYE_CUSTOMER_ID",
  ]);
  const timeoutMs = integerSetting(env, "THREEDEYE_TIMEOUT_MS", { min: 1, max: 120_000 }) ?? 3000;
  const probeDeadlineMs = integerSetting(env, "THREEDEYE_PROBE_DEADLINE_MS", {
    min: 1,
    max: 120_000,
  });
  const maxResponseBytes = integerSetting(env, "THREEDEYE_MAX_RESPONSE_BYTES", {
    min: 1024,
    max: 256 * 1024 * 1024,
  });
  const pageSize = integerSetting(env, "THREEDEYE_PAGE_SIZE", { min: 1, max: 10_000 });
  const maxUsers = integerSetting(env, "THREEDEYE_MAX_USERS", { min: 1, max: 10_000_000 });
  const pageConcurrency = integerSetting(env, "THREEDEYE_PAGE_CONCURRENCY", { min: 1, max: 64 });
  const listingTtlSeconds = integerSetting(env, "THREEDEYE_LISTING_TTL_SECONDS", {
    min: 0,
    max: MAX_LISTING_TTL_SECONDS,
  }) ?? DEFAULT_LISTING_TTL_SECONDS;
  const apiBase = urlSetting(env, "THREEDEYE_API_BASE") ?? "https://admin-api.3deye.me/v3";
  if (group === null) return null;
  const [apiKey, username, password, customerId] = group;
  return {
    apiBase,
    apiKey,
    username,
    password,
    customerId,
    timeoutMs,
    probeDeadlineMs,
    maxResponseBytes,
    pageSize,
    maxUsers,
    pageConcurrency,
    listingTtlSeconds,
  };
}

const COMPRESSED_PUBLIC_KEY = /^0[23][0-9a-fA-F]{64}$/;
const PRIVATE_KEY = /^[0-9a-fA-F]{1,64}$/;

function parseTurnkey(env: Env): TurnkeyConfig | null {
  const group = requireGroup(env, ["TURNKEY_API_PUBLIC_KEY", "TURNKEY_API_PRIVATE_KEY"]);
  const apiBase = urlSetting(env, "TURNKEY_API_BASE") ?? "https://api.turnkey.com";
  const timeoutMs = integerSetting(env, "TURNKEY_TIMEOUT_MS", { min: 1, max: 120_000 }) ?? 3000;
  const organizationId = readSetting(env, "TURNKEY_ORGANIZATION_ID") ?? null;
  if (group === null) return null;
  const [apiPublicKey, apiPrivateKey] = group;
  if (!COMPRESSED_PUBLIC_KEY.test(apiPublicKey)) {
    throw new ConfigError(
      "TURNKEY_API_PUBLIC_KEY must be a compressed P-256 public key (66 hex characters).",
    );
  }
  if (!PRIVATE_KEY.test(apiPrivateKey)) {
    throw new ConfigError("TURNKEY_API_PRIVATE_KEY must be a P-256 private key in hex.");
  }
  return { apiBase, apiPublicKey, apiPrivateKey, organizationId, timeoutMs };
}

function parseCorsOrigins(env: Env): string[] {
  return listSetting(env, "CORS_ORIGINS").map((origin, index) => {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // Reported below with the variable's name.
    }
    if (url === null || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS entry ${index + 1} is not an exact origin (like https://admin.example.com).`,
      );
    }
    return origin;
  });
}

function parseD1Http(env: Env): D1HttpConfig | null {
  const group = requireGroup(env, ["D1_ACCOUNT_ID", "D1_DATABASE_ID", "D1_API_TOKEN"]);
  const apiBase = urlSetting(env, "D1_API_BASE") ?? "https://api.cloudflare.com/client/v4";
  if (group === null) return null;
  const [accountId, databaseId, apiToken] = group;
  return { apiBase, accountId, databaseId, apiToken };
}

function parseLogLevel(env: Env): LogLevel {
  const level = readSetting(env, "LOG_LEVEL")?.toLowerCase() ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.`);
  }
  return level as LogLevel;
}
