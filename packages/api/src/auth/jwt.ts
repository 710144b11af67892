/**
 * Admin JWT verification over hono's JWT utilities, with the algorithm pinned by configuration:
 * an HS256 secret, an RS256/ES256 public key (PEM SPKI), or a cached JWKS. Tokens whose header
 * names another algorithm (including `none`, or HS256 signed with an RSA public key) fail before
 * any signature check. `exp` is required; `exp`, `nbf` and `iat` are checked against the injected
 * clock with a small leeway; `iss`/`aud` when configured. A token may live at most
 * `maxLifetimeSeconds` (`JWT_MAX_LIFETIME_SECONDS`, default 24 hours): `exp − iat`, or
 * `exp − now` when it has no `iat`, so a stolen token with `exp` in the year 5000 is worthless.
 *
 * @module
 */
import { decode, verify, verifyWithJwks } from "hono/jwt";
import type { JwtConfig } from "../config.ts";
import { createJwksCache, JwksUnavailableError } from "./jwks.ts";

/** The claims of a verified token. */
export type JwtClaims = Record<string, unknown>;

/**
 * Verifies a compact JWS; rejects with {@linkcode JwtRejectedError} (or a JWKS outage), never
 * throws synchronously. A token whose signature was verified in the last minute skips the
 * signature check (its time claims are still checked).
 */
export type JwtVerifier = (token: string) => Promise<JwtClaims>;

/** The token is not acceptable. The message is for logs only, never for the response. */
export class JwtRejectedError extends Error {
  override name = "JwtRejectedError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

// Verified tokens kept at most this many and this long (see createJwtVerifier).
const VERIFIED_CACHE_SIZE = 1000;
const VERIFIED_CACHE_MS = 60_000;

/** Options of {@linkcode createJwtVerifier}. */
export interface JwtVerifierOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Clock skew tolerated on `exp`/`nbf`/`iat`, in seconds (default 30). */
  leewaySeconds?: number;
}

/** A verifier for the configured source. */
export function createJwtVerifier(
  config: JwtConfig,
  options: JwtVerifierOptions = {},
): JwtVerifier {
  const now = options.now ?? Date.now;
  const leeway = options.leewaySeconds ?? 30;
  // Time claims are checked below with the injected clock and leeway, not by hono.
  const verification: Verification = {
    exp: false,
    nbf: false,
    iat: false,
    iss: config.issuer ?? undefined,
    aud: config.audience ?? undefined,
  };
  const verifySignature = signatureVerifier(config, verification, options.fetch, now);
  // Verified tokens by their exact compact form: an admin sends the same token on every request,
  // and re-checking its signature costs async WebCrypto work each time. A hit skips only the
  // signature (iss/aud were checked with it); the time claims are checked below on every request.
  // Bounded in size and in age (a minute): a token signed by a key dropped from the JWKS is
  // refused once the key set is refetched (see jwks.ts: within its TTL while the endpoint
  // answers, later while it is down) plus at most this minute.
  const verified = new Map<string, { claims: JwtClaims; until: number }>();
  const verifiedClaims = async (token: string): Promise<JwtClaims> => {
    const hit = verified.get(token);
    if (hit !== undefined && now() < hit.until) return hit.claims;
    let claims: JwtClaims;
    try {
      claims = await verifySignature(token);
    } catch (error) {
      if (error instanceof JwtRejectedError || error instanceof JwksUnavailableError) {
        throw error;
      }
      throw new JwtRejectedError(`Token rejected: ${(error as Error)?.name}.`, { cause: error });
    }
    verified.delete(token);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, { claims, until: now() + VERIFIED_CACHE_MS });
    return claims;
  };
  return async (token) => {
    const claims = await verifiedClaims(token);
    checkTimes(claims, Math.floor(now() / 1000), leeway, config.maxLifetimeSeconds);
    return claims;
  };
}

type Verification = {
  exp: false;
  nbf: false;
  iat: false;
  iss?: string;
  aud?: string[];
};

function signatureVerifier(
  config: JwtConfig,
  verification: Verification,
  fetchFn: typeof fetch | undefined,
  now: () => number,
): (token: string) => Promise<JwtClaims> {
  switch (config.kind) {
    case "secret":
      return (token) => verify(token, config.secret, { alg: "HS256", ...verification });
    case "publicKey": {
      // Imported once as a CryptoKey so the PEM text can never be used as an HMAC secret.
      let key: Promise<CryptoKey> | null = null;
      return async (token) => {
        key ??= importSpki(config.publicKeyPem, config.algorithm);
        return verify(token, await key, { alg: config.algorithm, ...verification });
      };
    }
    case "jwks": {
      const keys = createJwksCache({ url: config.jwksUrl, fetch: fetchFn, now });
      return async (token) => {
        const { header } = decode(token);
        if (!(config.algorithms as string[]).includes(header.alg)) {
          throw new JwtRejectedError("Token algorithm is not allowed.");
        }
        return verifyWithJwks(token, {
          keys: await keys(header.kid),
          allowedAlgorithms: config.algorithms,
          verification,
        });
      };
    }
  }
}

function importSpki(pem: string, algorithm: "RS256" | "ES256"): Promise<CryptoKey> {
  const der = Uint8Array.from(atob(pem.split("\n").slice(1, -1).join("")), (c) => c.charCodeAt(0));
  const params = algorithm === "RS256"
    ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }
    : { name: "ECDSA", namedCurve: "P-256" };
  return crypto.subtle.importKey("spki", der, params, false, ["verify"]);
}

function checkTimes(
  claims: JwtClaims,
  nowSeconds: number,
  leeway: number,
  maxLifetime: number,
): void {
  const { exp, nbf, iat } = claims;
  if (typeof exp !== "number" || !Number.isFinite(exp)) {
    throw new JwtRejectedError("Token has no numeric exp claim.");
  }
  if (exp + leeway <= nowSeconds) throw new JwtRejectedError("Token expired.");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf - leeway > nowSeconds)) {
    throw new JwtRejectedError("Token is not valid yet.");
  }
  if (iat !== undefined && (typeof iat !== "number" || iat - leeway > nowSeconds)) {
    throw new JwtRejectedError("Token was issued in the future.");
  }
  // Without iat, the time left is the most we can know of the lifetime (skew allowed for).
  const lifetime = typeof iat === "number" ? exp - iat : exp - nowSeconds - leeway;
  if (lifetime > maxLifetime) {
    throw new JwtRejectedError("Token lifetime exceeds JWT_MAX_LIFETIME_SECONDS.");
  }
}
