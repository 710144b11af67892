/**
 * The local demo's credentials, shared by the Deno demo (apps/edge), the Worker demo
 * (apps/worker) and their tests: the demo admin key and JWT secret (PUBLIC demo values: never use
 * them for anything but the loopback demo), the demo admin's identity, and an HS256 signer built
 * on WebCrypto only (no JWT library needed in the stand-ins).
 *
 * @module
 */

/** The demo admin API key (public demo value). */
export const DEMO_ADMIN_API_KEY = "demo-admin-key-not-for-production";

/** The demo HS256 JWT secret (public demo value). */
export const DEMO_JWT_SECRET = "demo-jwt-secret-not-for-production-0123456789";

/** The demo admin's identity in demo JWTs (an admin domain, so the app accepts it). */
export const DEMO_ADMIN = { sub: "demo-admin", email: "demo.admin@smartphonekey.com" } as const;

/** How long a demo JWT lives. */
export const DEMO_JWT_TTL_SECONDS = 12 * 60 * 60;

const encoder = new TextEncoder();

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * An HS256 JWT for the demo admin, issued now and valid for 12 h; `claims` override any claim.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { DEMO_JWT_SECRET, signDemoJwt } from "@spkey/testkit";
 * const jwt = await signDemoJwt(DEMO_JWT_SECRET);
 * assertEquals(jwt.split(".").length, 3);
 * ```
 */
export async function signDemoJwt(
  secret: string,
  claims: Record<string, unknown> = {},
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const header = { alg: "HS256", typ: "JWT" };
  const payload = {
    ...DEMO_ADMIN,
    iat: nowSeconds,
    exp: nowSeconds + DEMO_JWT_TTL_SECONDS,
    ...claims,
  };
  const input = `${base64Url(encoder.encode(JSON.stringify(header)))}.${
    base64Url(encoder.encode(JSON.stringify(payload)))
  }`;
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(input)));
  return `${input}.${base64Url(signature)}`;
}
