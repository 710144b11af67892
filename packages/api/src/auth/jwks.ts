/**
 * A cached JSON Web Key Set. The endpoint is asked at most once per cooldown (30 s by default),
 * whether the last attempt succeeded or failed, and by one request at a time (single flight):
 * neither a flood of tokens naming random `kid`s nor an outage can turn requests into fetches.
 *
 * - A set is fresh for `ttlMs` (10 minutes) after it was fetched; a token naming a `kid` the
 *   fresh set lacks (the issuer rotated its keys) asks again early, within the cooldown's limit.
 * - While the endpoint fails, the last good set is served for up to `maxStaleMs` (1 hour) past
 *   its TTL, so admins whose key it holds keep working through the outage. After that, and when
 *   no set was ever fetched, lookups fail with {@linkcode JwksUnavailableError} (a 503).
 * - A key removed from the set is therefore honoured until the next successful fetch: at most
 *   `ttlMs` later while the endpoint answers, at most `ttlMs + maxStaleMs` while it is down.
 * - The fetch goes through `fetchUpstream`, like every upstream call: a timeout, a 256 KiB cap on
 *   the body, and no redirects (a redirected JWKS is a failed attempt, never another origin's keys).
 *
 * @module
 */
import { fetchUpstream, UpstreamError } from "@spkey/contracts/upstream";

/** A key set is a few KiB; anything near this cap is not one (and must not exhaust memory). */
const MAX_JWKS_BYTES = 256 * 1024;

/** A public JSON Web Key with its key id. */
export type HonoJsonWebKey = JsonWebKey & { kid?: string };

/** Options of {@linkcode createJwksCache}. */
export interface JwksCacheOptions {
  url: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** How long a fetched set is fresh, in ms (default 10 minutes). */
  ttlMs?: number;
  /** The least time between two fetch attempts, success or failure, in ms (default 30 s). */
  cooldownMs?: number;
  /** How long past its TTL the last good set is served while fetching fails (default 1 hour). */
  maxStaleMs?: number;
  timeoutMs?: number;
}

/** The key set could not be fetched or is malformed. */
export class JwksUnavailableError extends Error {
  override name = "JwksUnavailableError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Returns keys, preferring a set that contains `kid`. */
export type JwksCache = (kid: string | undefined) => Promise<HonoJsonWebKey[]>;

/**
 * A cache over the key set at `options.url`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createJwksCache } from "./jwks.ts";
 * let fetches = 0;
 * const keys = createJwksCache({
 *   url: "https://auth.example/jwks",
 *   fetch: () => (fetches++, Promise.resolve(Response.json({ keys: [{ kty: "EC", kid: "k1" }] }))),
 * });
 * await keys("k1");
 * await keys("a-kid-nobody-has");
 * assertEquals(fetches, 1, "an unknown kid waits for the cooldown");
 * ```
 */
export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const {
    url,
    fetch: fetchFn = fetch,
    now = Date.now,
    ttlMs = 10 * 60_000,
    cooldownMs = 30_000,
    maxStaleMs = 60 * 60_000,
    timeoutMs = 3000,
  } = options;
  let good: { keys: HonoJsonWebKey[]; fetchedAt: number } | null = null;
  let lastAttemptAt = -Infinity;
  let lastFailure: JwksUnavailableError | null = null;
  // Settles when the attempt in flight is over; never rejects (a failure is kept in lastFailure).
  let attempt: Promise<void> | null = null;

  const startAttempt = (): void => {
    lastAttemptAt = now();
    attempt = fetchKeys(url, fetchFn, timeoutMs).then(
      (keys) => {
        good = { keys, fetchedAt: now() };
        lastFailure = null;
      },
      (error: JwksUnavailableError) => {
        lastFailure = error;
      },
    ).finally(() => {
      attempt = null;
    });
  };

  // The last good set while it is within its TTL plus the stale bound; else the outage.
  const usableKeys = (): HonoJsonWebKey[] => {
    if (good !== null && now() - good.fetchedAt < ttlMs + maxStaleMs) return good.keys;
    throw new JwksUnavailableError(lastFailure?.message ?? "The JWKS is not available.", {
      cause: lastFailure ?? undefined,
    });
  };

  return (kid) => {
    const at = now();
    if (good !== null && at - good.fetchedAt < ttlMs) {
      // hono refuses a token without kid, so it cannot name a new key: no reason to ask.
      if (kid === undefined || good.keys.some((key) => key.kid === kid)) {
        return Promise.resolve(good.keys);
      }
    }
    if (attempt === null && at - lastAttemptAt >= cooldownMs) startAttempt();
    if (attempt !== null) return attempt.then(usableKeys);
    try {
      return Promise.resolve(usableKeys());
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

async function fetchKeys(
  url: string,
  fetchFn: typeof fetch,
  timeoutMs: number,
): Promise<HonoJsonWebKey[]> {
  let body: unknown;
  try {
    const answer = await fetchUpstream(url, { headers: { accept: "application/json" } }, {
      fetch: fetchFn,
      timeoutMs,
      maxBytes: MAX_JWKS_BYTES,
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw new JwksUnavailableError(`Fetching the JWKS failed with HTTP ${answer.status}.`);
    }
    body = JSON.parse(answer.text);
  } catch (error) {
    if (error instanceof JwksUnavailableError) throw error;
    // The upstream error's kind says which bound ended the call; its text is ours.
    const reason = error instanceof UpstreamError ? ` (${error.kind})` : "";
    throw new JwksUnavailableError(`Fetching the JWKS failed${reason}.`, { cause: error });
  }
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "object" || k === null)) {
    throw new JwksUnavailableError("The JWKS response has no valid `keys` array.");
  }
  return keys as HonoJsonWebKey[];
}
