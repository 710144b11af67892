/**
 * A cached JSON Web Key Set: fetched once (single flight for concurrent requests), kept for
 * `ttlMs` (10 minutes by default), and refetched early at most once per `minRefreshMs` when a
 * token names a `kid` the cached set lacks (the issuer rotated its keys).
 *
 * @module
 */

/** A public JSON Web Key with its key id. */
export type HonoJsonWebKey = JsonWebKey & { kid?: string };

/** Options of {@linkcode createJwksCache}. */
export interface JwksCacheOptions {
  url: string;
  fetch?: typeof fetch;
  now?: () => number;
  ttlMs?: number;
  minRefreshMs?: number;
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

/** A cache over the key set at `options.url`. */
export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const {
    url,
    fetch: fetchFn = fetch,
    now = Date.now,
    ttlMs = 10 * 60_000,
    minRefreshMs = 30_000,
    timeoutMs = 3000,
  } = options;
  let cached: { keys: HonoJsonWebKey[]; fetchedAt: number } | null = null;
  let inFlight: Promise<HonoJsonWebKey[]> | null = null;

  const load = (): Promise<HonoJsonWebKey[]> => {
    inFlight ??= fetchKeys(url, fetchFn, timeoutMs)
      .then((keys) => {
        cached = { keys, fetchedAt: now() };
        return keys;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return (kid) => {
    if (cached === null) return load();
    const age = now() - cached.fetchedAt;
    if (age >= ttlMs) return load();
    const known = kid !== undefined && cached.keys.some((key) => key.kid === kid);
    if (!known && age >= minRefreshMs) return load();
    return Promise.resolve(cached.keys);
  };
}

async function fetchKeys(
  url: string,
  fetchFn: typeof fetch,
  timeoutMs: number,
): Promise<HonoJsonWebKey[]> {
  let body: unknown;
  try {
    const response = await fetchFn(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new JwksUnavailableError(`Fetching the JWKS failed with HTTP ${response.status}.`);
    }
    body = await response.json();
  } catch (error) {
    if (error instanceof JwksUnavailableError) throw error;
    throw new JwksUnavailableError("Fetching the JWKS failed.", { cause: error });
  }
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "object" || k === null)) {
    throw new JwksUnavailableError("The JWKS response has no valid `keys` array.");
  }
  return keys as HonoJsonWebKey[];
}
