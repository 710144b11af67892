/**
 * What the conformance suite needs to know about the server under test, and a small HTTP helper
 * over it. The same suite runs against the Deno server and the Worker in workerd: a runner starts
 * the server, fills in a {@linkcode ConformanceTarget} and registers the suite.
 *
 * The server must run with the demo database seeded, a high auth failure limit
 * (`ADMIN_AUTH_FAILURE_LIMIT`, e.g. 100000: the suite sends dozens of bad credentials from one
 * address; the 429 itself is covered by a unit test), `JWT_ISSUER`/`JWT_AUDIENCE` set, and
 * `allowedOrigin` in `CORS_ORIGINS`, and the 3dEye listing kept for the default
 * `THREEDEYE_LISTING_TTL_SECONDS` (60 s; any TTL of a few seconds or more will do).
 *
 * @module
 */

/** The server under test. */
export interface ConformanceTarget {
  /** e.g. `http://127.0.0.1:8787` (no trailing slash). */
  baseUrl: string;
  /** One configured admin API key. */
  adminKey: string;
  /** Signs `claims` as a JWT with the server's configured key (the HS256 secret or private key). */
  signJwt(claims: Record<string, unknown>): Promise<string>;
  /** The algorithm the server verifies with. Default HS256. */
  jwtAlgorithm?: "HS256" | "RS256" | "ES256";
  /** The server's public key PEM, when it verifies with one (enables the HS/RS confusion case). */
  jwtPublicKeyPem?: string;
  /** The configured `JWT_ISSUER`. */
  issuer: string;
  /** The configured `JWT_AUDIENCE`. */
  audience: string;
  /** An email at a configured admin domain. Default `ops@smartphonekey.com`. */
  adminEmail?: string;
  /** An origin listed in `CORS_ORIGINS`. */
  allowedOrigin: string;
  /** "demo": 3dEye configured against the stand-in serving the demo customer. */
  threedeye: "demo" | "unconfigured";
  /** Turnkey configured against a server knowing `userId` in `organizationId` (the default org). */
  turnkey: { organizationId: string; userId: string } | "unconfigured";
  /** Whether the server has the widget to serve at /widget.js. */
  widget: "served" | "absent";
  /** Replaces the global fetch (e.g. Miniflare's `dispatchFetch`). */
  fetch?: (request: Request) => Promise<Response>;
}

/** A response read completely (the body is always consumed, so nothing leaks). */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

/** Sends one request to the target. */
export async function send(
  target: ConformanceTarget,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const request = new Request(`${target.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: init.headers,
    redirect: "manual",
  });
  const response = await (target.fetch ?? fetch)(request);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Claims of a valid admin token for the target, valid for five minutes. */
export function adminClaims(
  target: ConformanceTarget,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: "conformance-admin",
    email: target.adminEmail ?? "ops@smartphonekey.com",
    iss: target.issuer,
    aud: target.audience,
    iat: now,
    exp: now + 300,
    ...overrides,
  };
}

/** Both auth headers of a valid admin (claims overridable). */
export async function adminHeaders(
  target: ConformanceTarget,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, string>> {
  return {
    "X-Admin-API-Key": target.adminKey,
    Authorization: `Bearer ${await target.signJwt(adminClaims(target, overrides))}`,
  };
}
