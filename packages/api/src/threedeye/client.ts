/**
 * The 3dEye client: a customer-scoped {@linkcode ThreedeyeDirectory} over 3dEye's admin HTTP API
 * (default base `https://admin-api.3deye.me/v3`).
 *
 * API ASSUMPTIONS. 3dEye does not publicly document its user listing, so this file is where the
 * assumptions live (the stand-in in `@spkey/standins` implements exactly these):
 * - Token: `POST {base}/auth/token`, header `x-api-key: <apiKey>`, JSON body
 *   `{ username, password }` → `{ accessToken, expiresIn? }` with `expiresIn` in seconds
 *   (`access_token` / `expires_in` are accepted too). 401/403 means the credentials are wrong.
 *   Without `expiresIn` a token is assumed to live 15 minutes.
 * - The credentials belong to one customer: calls are customer-scoped by the token, and
 *   `customerId` is only echoed in reports.
 * - Listing: `GET {base}/users?page=<1-based>&pageSize=<n>` with `Authorization: Bearer <token>`
 *   → `{ data: [{ id, email, … }], total? }`. Pages are stable while we read them. If the server
 *   serves fewer than `pageSize` per page while `total` says there are more, its page size is the
 *   one used for the page arithmetic.
 * - One user: `GET {base}/users/{id}` → the user (or `{ data: user }`); 404 means no such user.
 * - 401 on a data call means the token expired or was revoked.
 *
 * BEHAVIOUR.
 * - The token is cached until shortly before it expires and fetched ONCE for any number of
 *   concurrent callers (single flight); a 401 on a data call drops it, fetches a new one (again
 *   single flight) and retries that call once.
 * - The listing fetches page 1, then — when `total` says there is more — the remaining pages
 *   concurrently, at most `pageConcurrency` at a time; without `total` it pages sequentially
 *   until a short page. It stops at `maxUsers` (the scan cap) and then reports `complete: false`.
 * - One listing is in flight at a time: callers arriving while it runs share it (a burst of
 *   reports costs one scan); a caller's AbortSignal stops only its own wait, not the shared scan.
 * - Every HTTP call has its own timeout (`timeoutMs`) and honours the caller's AbortSignal.
 * - Every failure rejects with {@linkcode ThreedeyeError} whose message names the call and never
 *   includes the password, API key, token or a response body, e.g.
 *   "3dEye timed out after 3000 ms (GET /users)".
 *
 * @module
 */
import { type CustomerListing, ThreedeyeError, type ThreedeyeUser } from "../ports.ts";
import type { ThreedeyeDirectory } from "../ports.ts";
import { mapBounded } from "./bounded.ts";
import { SingleUserSchema, TokenSchema, UserPageSchema } from "./schemas.ts";

/** Options for {@linkcode createThreedeyeClient}; null means "use the default". */
export interface ThreedeyeClientOptions {
  /** API base without trailing slash, e.g. `https://admin-api.3deye.me/v3`. */
  baseUrl: string;
  apiKey: string;
  username: string;
  password: string;
  customerId?: string | null;
  /** Per-call timeout (default 3000 ms). */
  timeoutMs?: number | null;
  /** Users requested per page (default 100). */
  pageSize?: number | null;
  /** The scan cap (default 10 000 users). */
  maxUsers?: number | null;
  /** Listing pages in flight at once (default 4). */
  pageConcurrency?: number | null;
  /** Injected fetch (tests); defaults to the global one. */
  fetch?: typeof fetch;
  /** Clock for token expiry (tests); defaults to `Date.now`. */
  now?: () => number;
}

/** Assumed token lifetime when 3dEye does not say. */
const DEFAULT_TOKEN_TTL_MS = 15 * 60 * 1000;
const TOKEN_CALL = "POST /auth/token";
const LIST_CALL = "GET /users";
const USER_CALL = "GET /users/{id}";

interface Answer {
  status: number;
  text: string;
}

/**
 * Creates the 3dEye directory for one customer.
 *
 * @param options Credentials, base URL and limits.
 * @returns A {@linkcode ThreedeyeDirectory}; its methods reject with {@linkcode ThreedeyeError}.
 * @throws {RangeError} When a limit is not a positive integer.
 *
 * @example
 * ```ts
 * import { createThreedeyeClient } from "./client.ts";
 * const fakeFetch = (input: string | URL | Request) => {
 *   const url = String(input);
 *   if (url.endsWith("/auth/token")) return Promise.resolve(Response.json({ accessToken: "t" }));
 *   return Promise.resolve(Response.json({ data: [{ id: "td-1", email: "a@example.com" }], total: 1 }));
 * };
 * const directory = createThreedeyeClient({
 *   baseUrl: "https://3deye.invalid/v3", apiKey: "k", username: "u", password: "p",
 *   customerId: "cust-1", fetch: fakeFetch,
 * });
 * const listing = await directory.listCustomerUsers();
 * console.assert(listing.total === 1 && listing.complete);
 * ```
 */
export function createThreedeyeClient(options: ThreedeyeClientOptions): ThreedeyeDirectory {
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = positive("timeoutMs", options.timeoutMs, 3000);
  const pageSize = positive("pageSize", options.pageSize, 100);
  const maxUsers = positive("maxUsers", options.maxUsers, 10_000);
  const pageConcurrency = positive("pageConcurrency", options.pageConcurrency, 4);
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;

  let cached: { token: string; refreshAt: number } | null = null;
  let inFlightToken: Promise<string> | null = null;

  /** Sends one request with the per-call timeout; maps transport failures to ThreedeyeError. */
  async function send(
    call: string,
    url: string,
    init: RequestInit,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const controller = new AbortController();
    let timedOut = false;
    // Our own timer (rather than AbortSignal.timeout) so nothing stays pending after the call.
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    if (signal?.aborted) controller.abort();
    try {
      const response = await doFetch(url, { ...init, signal: controller.signal });
      return { status: response.status, text: await response.text() };
    } catch (cause) {
      if (timedOut) throw new ThreedeyeError(`3dEye timed out after ${timeoutMs} ms (${call})`);
      if (signal?.aborted) throw new ThreedeyeError(`3dEye call was cancelled (${call})`);
      throw new ThreedeyeError(`3dEye could not be reached (${call})`, { cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  async function requestToken(): Promise<string> {
    // No caller signal: the token is shared by every waiting caller, one of them giving up
    // must not fail the others.
    const answer = await send(TOKEN_CALL, `${base}/auth/token`, {
      method: "POST",
      headers: { "x-api-key": options.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ username: options.username, password: options.password }),
    });
    if (answer.status === 401 || answer.status === 403) {
      throw new ThreedeyeError(`3dEye rejected the credentials (${TOKEN_CALL})`);
    }
    const { accessToken, expiresIn } = parse(TOKEN_CALL, answer, TokenSchema);
    const ttlMs = expiresIn === null ? DEFAULT_TOKEN_TTL_MS : expiresIn * 1000;
    // Refresh a little early (a tenth of the lifetime, at most a minute) so a token never
    // expires between our check and 3dEye's.
    cached = { token: accessToken, refreshAt: now() + ttlMs - Math.min(60_000, ttlMs / 10) };
    return accessToken;
  }

  function accessToken(signal?: AbortSignal): Promise<string> {
    if (cached !== null && now() < cached.refreshAt) return Promise.resolve(cached.token);
    inFlightToken ??= requestToken().finally(() => {
      inFlightToken = null;
    });
    return untilAborted(inFlightToken, signal, TOKEN_CALL);
  }

  /** A GET with the bearer token; on 401 one refresh and one retry. */
  async function authorizedGet(call: string, url: string, signal?: AbortSignal): Promise<Answer> {
    const get = (token: string) =>
      send(call, url, { headers: { authorization: `Bearer ${token}` } }, signal);
    const token = await accessToken(signal);
    const answer = await get(token);
    if (answer.status !== 401) return answer;
    // Drop the token only if nobody replaced it meanwhile, so a burst of 401s refreshes once.
    if (cached?.token === token) cached = null;
    const retried = await get(await accessToken(signal));
    if (retried.status === 401) {
      throw new ThreedeyeError(`3dEye rejected the access token (${call})`);
    }
    return retried;
  }

  async function fetchPage(page: number, signal?: AbortSignal) {
    const url = `${base}/users?page=${page}&pageSize=${pageSize}`;
    const answer = await authorizedGet(LIST_CALL, url, signal);
    if (answer.status < 200 || answer.status >= 300) {
      throw new ThreedeyeError(`3dEye answered HTTP ${answer.status} (${LIST_CALL})`);
    }
    return parse(LIST_CALL, answer, UserPageSchema);
  }

  async function listWithTotal(
    first: ThreedeyeUser[],
    total: number,
    signal?: AbortSignal,
  ): Promise<CustomerListing> {
    const perPage = first.length > 0 && first.length < pageSize ? first.length : pageSize;
    const pageCount = Math.ceil(Math.min(total, maxUsers) / perPage);
    const rest = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 2);
    const pages = await mapBounded(rest, pageConcurrency, (p, s) => fetchPage(p, s), signal);
    const users = [first, ...pages.map((p) => p.data)].flat().slice(0, maxUsers);
    return { total, users, complete: total <= maxUsers && users.length >= total };
  }

  async function listSequentially(
    first: ThreedeyeUser[],
    signal?: AbortSignal,
  ): Promise<CustomerListing> {
    const users = [...first];
    let last = first;
    let page = 1;
    while (last.length >= pageSize && users.length < maxUsers) {
      page += 1;
      last = (await fetchPage(page, signal)).data;
      users.push(...last);
    }
    const complete = last.length < pageSize && users.length <= maxUsers;
    const scanned = users.slice(0, maxUsers);
    return { total: scanned.length, users: scanned, complete };
  }

  let inFlightListing: Promise<CustomerListing> | null = null;

  /** The whole scan, with no caller signal: it is shared (every call keeps its own timeout). */
  async function listAll(): Promise<CustomerListing> {
    const first = await fetchPage(1);
    return first.total === null
      ? await listSequentially(first.data)
      : await listWithTotal(first.data, first.total);
  }

  return {
    customerId: options.customerId ?? null,

    listCustomerUsers(signal?: AbortSignal): Promise<CustomerListing> {
      // One listing in flight for every caller that arrives while it runs (like the token): a
      // burst of reports costs one scan, each from a scan still running when it arrived.
      inFlightListing ??= listAll().finally(() => {
        inFlightListing = null;
      });
      return untilAborted(inFlightListing, signal, LIST_CALL);
    },

    async getUser(id: string, signal?: AbortSignal): Promise<ThreedeyeUser | null> {
      const url = `${base}/users/${encodeURIComponent(id)}`;
      const answer = await authorizedGet(USER_CALL, url, signal);
      if (answer.status === 404) return null;
      if (answer.status < 200 || answer.status >= 300) {
        throw new ThreedeyeError(`3dEye answered HTTP ${answer.status} (${USER_CALL})`);
      }
      return parse(USER_CALL, answer, SingleUserSchema);
    },
  };
}

function parse<T>(
  call: string,
  answer: Answer,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T {
  if (answer.status < 200 || answer.status >= 300) {
    throw new ThreedeyeError(`3dEye answered HTTP ${answer.status} (${call})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new ThreedeyeError(`3dEye answered malformed JSON (${call})`);
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new ThreedeyeError(`3dEye answered an unexpected shape (${call})`);
  return result.data;
}

/** `promise`, unless `signal` aborts first (the shared work itself goes on for other waiters). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, call: string) {
  if (signal === undefined) return promise;
  const cancelled = () => new ThreedeyeError(`3dEye call was cancelled (${call})`);
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function positive(name: string, value: number | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`Creating the 3dEye client needs ${name} to be a positive integer`);
  }
  return value;
}
