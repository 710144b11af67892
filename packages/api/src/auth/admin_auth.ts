/**
 * Dual auth for the admin API: an admin API key (`X-Admin-API-Key`, alias `X-API-Key`) AND an
 * admin JWT (`Authorization: Bearer`). Both halves are always evaluated, and a failure of either
 * answers the same 401, so responses never say which half failed. The log line does (`reason`:
 * `api key`, `jwt: …`, or both): the log is the operator's, who must be able to tell a stale key
 * from an expired token, and it holds the category only, never a credential. A valid pair whose
 * JWT `email` is not at an admin domain, is marked unverified (`email_verified: false`), or that
 * has no `sub` to attribute lookups to answers 403. Failed attempts count toward a per-client
 * limit; a limited client gets 429 before any crypto runs, and so does a failed attempt that the
 * (possibly shared) count shows past the limit.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app_env.ts";
import { ApiException } from "../errors.ts";
import type { Logger } from "../logging.ts";
import { isAdminEmail, isEmailVerifiedClaimAccepted } from "./admin_email.ts";
import type { ApiKeyVerifier } from "./api_key.ts";
import { JwksUnavailableError } from "./jwks.ts";
import type { JwtClaims, JwtVerifier } from "./jwt.ts";
import type { FailureLimiter } from "./rate_limit.ts";

/** What {@linkcode adminAuth} needs. */
export interface AdminAuthOptions {
  verifyApiKey: ApiKeyVerifier;
  verifyJwt: JwtVerifier;
  adminEmailDomains: readonly string[];
  limiter: FailureLimiter;
  clientAddress: (c: Context<AppEnv>) => string;
  log: Logger;
}

/** The one 401 message, whichever half failed. */
export const UNAUTHENTICATED_MESSAGE =
  "Authentication required. Please provide a valid admin API key and bearer token.";
/** The one 403 message. */
export const FORBIDDEN_MESSAGE = "The token does not belong to an admin.";

// Generous for real keys and tokens; anything longer is refused before hashing or parsing.
const MAX_API_KEY_LENGTH = 1024;
const MAX_AUTHORIZATION_LENGTH = 8192;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/** The dual-auth middleware. Sets `adminSubject` on success. */
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const client = options.clientAddress(c);
    const retryAfter = options.limiter.retryAfterSeconds(client);
    if (retryAfter !== null) throw tooManyAttempts(retryAfter);
    const claims = await authenticate(c, options);
    if (claims === null) {
      const retryAfterFailure = await options.limiter.recordFailure(client);
      if (retryAfterFailure !== null) throw tooManyAttempts(retryAfterFailure);
      throw new ApiException(401, UNAUTHENTICATED_MESSAGE, {
        headers: { "WWW-Authenticate": 'Bearer realm="admin"' },
      });
    }
    const subject = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : null;
    const forbidden = subject === null
      ? "no sub"
      : !isAdminEmail(claims.email, options.adminEmailDomains)
      ? "email not at an admin domain"
      : !isEmailVerifiedClaimAccepted(claims.email_verified)
      ? "email not verified"
      : null;
    if (subject === null || forbidden !== null) {
      options.log("warn", "auth forbidden", { requestId: c.get("requestId"), reason: forbidden });
      throw new ApiException(403, FORBIDDEN_MESSAGE);
    }
    c.set("adminSubject", subject);
    await next();
  };
}

function tooManyAttempts(retryAfterSeconds: number): ApiException {
  return new ApiException(429, "Too many failed authentication attempts. Try again later.", {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * The verified claims, or null (the reason logged) when either half is missing or invalid. Both
 * halves are evaluated whatever the other gives: no early exit on a bad key. A JWKS outage with a
 * valid key is a 503: the caller may well be an admin, we just cannot check.
 */
async function authenticate(
  c: Context<AppEnv>,
  options: AdminAuthOptions,
): Promise<JwtClaims | null> {
  const apiKey = c.req.header("x-admin-api-key") ?? c.req.header("x-api-key");
  const authorization = c.req.header("authorization");
  const reject = (reason: string) => {
    options.log("warn", "auth rejected", { requestId: c.get("requestId"), reason });
    return null;
  };
  if (apiKey === undefined || authorization === undefined) {
    return reject(
      apiKey !== undefined
        ? "missing authorization"
        : authorization !== undefined
        ? "missing api key"
        : "missing credentials",
    );
  }
  if (apiKey.length > MAX_API_KEY_LENGTH || authorization.length > MAX_AUTHORIZATION_LENGTH) {
    return reject("oversized credentials");
  }
  const keyValid = options.verifyApiKey(apiKey);
  const token = BEARER.exec(authorization)?.[1];
  let claims: JwtClaims | null = null;
  let jwtFailure = "not a bearer JWT";
  let outage: JwksUnavailableError | null = null;
  if (token !== undefined) {
    try {
      claims = await options.verifyJwt(token);
    } catch (error) {
      if (error instanceof JwksUnavailableError) outage = error;
      else jwtFailure = (error as Error)?.message ?? "invalid token";
    }
  }
  if (!keyValid) {
    // A 401 whatever the JWT half says (an outage included); the log names each failed half.
    return reject(claims === null && outage === null ? `api key; jwt: ${jwtFailure}` : "api key");
  }
  if (outage !== null) {
    // Not the caller's failure, so not a 401 (nor a count toward the failure limit).
    throw new ApiException(503, "Token verification is unavailable. Try again later.", {
      cause: outage,
    });
  }
  return claims ?? reject(`jwt: ${jwtFailure}`);
}
