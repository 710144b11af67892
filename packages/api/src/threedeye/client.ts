/**
 * The 3dEye client: a customer-scoped {@linkcode ThreedeyeDirectory} over 3dEye's admin HTTP API
 * (default base `https://admin-api.3deye.me/v3`).
 *
 * CONFIRMED by the one public client of this API we could find (a web app calling
 * `https://admin-api.3deye.me/v3`):
 * - the base URL;
 * - the token call: `POST {base}/auth/token`, header `x-api-key: <apiKey>`, JSON body
 *   `{ username, password }` → `{ accessToken, … }`;
 * - data calls send `x-api-key` AND `Authorization: Bearer <accessToken>` (so do we, on every
 *   call: a gateway that wants the key on each request would otherwise fail every live probe);
 * - lists come back under `data`.
 *
 * ASSUMED (3dEye does not publicly document them; the stand-in in `@spkey/testkit` implements
 * exactly these):
 * - the token's lifetime: `expiresIn` in seconds (`expires_in` accepted too), 15 minutes when
 *   absent; 401/403 on the token call means the credentials are wrong;
 * - the user listing `GET {base}/users`, scoped to the credentials' customer (`customerId` is
 *   only echoed in reports), and its paging parameters `page` (1-based) and `pageSize`;
 * - `total` in the listing (`{ data: [{ id, email, … }], total? }`), and stable pages while we
 *   read them;
 * - `GET {base}/users/{id}` → the user (or `{ data: user }`), 404 when there is no such user;
 * - 401 on a data call means the token expired or was revoked.
 *
 * BEHAVIOUR.
 * - Every call goes through `fetchUpstream` (`@spkey/contracts/upstream`): its own timeout
 *   (`timeoutMs`), the caller's deadline, a byte cap on the body (`maxResponseBytes`), and no
 *   redirects (a redirect would re-send the key and the credentials to another origin).
 * - One report's probe (token, pages and a lookup by id) has ONE deadline (`probeDeadlineMs`):
 *   the caller passes it as `deadline`; a call that would start after it is not sent.
 * - 429, and 503 with `Retry-After`, are retried ONCE when the wait ends before the deadline;
 *   otherwise the call fails with "3dEye rate limited: HTTP 429, retry after 5 s (GET /users)".
 * - The token is cached until shortly before it expires and fetched ONCE for any number of
 *   concurrent callers (single flight); a 401 on a data call drops it, fetches a new one (again
 *   single flight) and retries that call once.
 * - The listing fetches page 1, then — when `total` says there is more — pages up to
 *   ceil(min(total, maxUsers) / pageSize) concurrently, at most `pageConcurrency` at a time; the
 *   upstream's page size and `total` never raise that count. Without `total` it pages
 *   sequentially until a short page or the cap. A page with more users than `pageSize` is an
 *   error. So fewer than `maxUsers + pageSize` users ever arrive; those past the cap are dropped
 *   and the listing says `complete: false`.
 * - Pages are handed to the caller one by one in listing order (a page that arrives early waits,
 *   at most `pageConcurrency - 1` of them), so the caller can index them as they come and stop
 *   the scan through its signal once it has what it needs. The client keeps no users itself.
 * - Each `listCustomerUsers` call is one scan. Sharing a scan between lookups, and keeping its
 *   result for a while, is the listing cache's job (`customer_listing.ts`).
 * - Every failure rejects with {@linkcode ThreedeyeError} whose message names the call and never
 *   includes the password, API key, token or a response body, e.g.
 *   "3dEye timed out after 3000 ms (GET /users)".
 *
 * @module
 */
import {
  fetchUpstream,
  retryAfterMs,
  type Tracer,
  type UpstreamAnswer,
  UpstreamError,
  waitWithinDeadline,
} from "@spkey/contracts/upstream";
import {
  type ListingPage,
  type ListingSummary,
  type ProbeOptions,
  type ThreedeyeDirectory,
  ThreedeyeError,
  type ThreedeyeUser,
} from "../domain.ts";
import { mapBounded } from "./map_bounded.ts";
import {
  type ProbeBudget,
  probeCancelledError,
  probeDeadlineError,
  probeLateness,
  waitWithinBudget,
} from "./probe_wait.ts";
import { SingleUserSchema, TokenSchema, UserPageSchema } from "./schemas.ts";

/** Options for {@linkcode createThreedeyeClient}; null means "use the default". */
export interface ThreedeyeClientOptions {
  /** API base without trailing slash, e.g. `https://admin-api.3deye.me/v3`. */
  baseUrl: string;
  apiKey: string;
  username: string;
  password: string;
  customerId?: string | null;
  /** Timeout of each call (default 3000 ms); the deadline can cut it shorter. */
  timeoutMs?: number | null;
  /** One report's probe, token + pages + lookup, retries included (default 5000 ms). */
  probeDeadlineMs?: number | null;
  /** Byte cap of each answer's body (default 4 MiB). */
  maxResponseBytes?: number | null;
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
  /** Records every call as a span named after it (`3dEye GET /users`); default none. */
  tracer?: Tracer;
}

/** The default byte cap of a 3dEye answer: 4 MiB, about 40 000 users of a listing page. */
export const DEFAULT_THREEDEYE_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Assumed token lifetime when 3dEye does not say. */
const DEFAULT_TOKEN_TTL_MS = 15 * 60 * 1000;
const TOKEN_CALL = "POST /auth/token";
const LIST_CALL = "GET /users";
const USER_CALL = "GET /users/{id}";

/**
 * Creates the 3dEye directory for one customer.
 *
 * @param options Credentials, base URL and limits.
 * @returns A {@linkcode ThreedeyeDirectory}; its methods reject with {@linkcode ThreedeyeError}.
 * @throws {RangeError} When a limit is not a positive integer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
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
 * const emails: (string | null)[] = [];
 * const listing = await directory.listCustomerUsers((page) => {
 *   emails.push(...page.users.map((user) => user.email));
 * });
 * assertEquals([listing.total, listing.complete, emails], [1, true, ["a@example.com"]]);
 * ```
 */
export function createThreedeyeClient(options: ThreedeyeClientOptions): ThreedeyeDirectory {
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = positive("timeoutMs", options.timeoutMs, 3000);
  const probeDeadlineMs = positive("probeDeadlineMs", options.probeDeadlineMs, 5000);
  const maxBytes = positive(
    "maxResponseBytes",
    options.maxResponseBytes,
    DEFAULT_THREEDEYE_MAX_RESPONSE_BYTES,
  );
  const pageSize = positive("pageSize", options.pageSize, 100);
  const maxUsers = positive("maxUsers", options.maxUsers, 10_000);
  const pageConcurrency = positive("pageConcurrency", options.pageConcurrency, 4);
  const doFetch = options.fetch;
  const now = options.now ?? Date.now;

  let cached: { token: string; refreshAt: number } | null = null;
  let inFlightToken: Promise<string> | null = null;

  const budgetOf = (probe: ProbeOptions = {}): ProbeBudget => ({
    signal: probe.signal,
    deadline: probe.deadline ?? Date.now() + probeDeadlineMs,
  });
  /** The shared token call gets a deadline of its own, from when it starts. */
  const ownBudget = (): ProbeBudget => ({ deadline: Date.now() + probeDeadlineMs });

  /** One request through the bounded fetch, with the API key; failures named after `call`. */
  async function send(
    call: string,
    url: string,
    init: RequestInit & { headers?: Record<string, string> },
    budget: ProbeBudget,
  ): Promise<UpstreamAnswer> {
    try {
      return await fetchUpstream(url, {
        ...init,
        headers: { ...init.headers, "x-api-key": options.apiKey },
      }, {
        fetch: doFetch,
        timeoutMs,
        maxBytes,
        deadline: budget.deadline,
        signal: budget.signal,
        trace: options.tracer && { tracer: options.tracer, name: `3dEye ${call}` },
      });
    } catch (error) {
      throw probeError(call, error);
    }
  }

  /** `send`, retried once after a 429 / 503 `Retry-After` that ends before the deadline. */
  async function sendPatiently(
    call: string,
    url: string,
    init: RequestInit & { headers?: Record<string, string> },
    budget: ProbeBudget,
  ): Promise<UpstreamAnswer> {
    const answer = await send(call, url, init, budget);
    const wait = rateLimitWait(answer);
    if (wait === null) return answer;
    let waited = false;
    try {
      waited = wait !== undefined && await waitWithinDeadline(wait, budget);
    } catch (error) {
      throw probeError(call, error);
    }
    if (!waited) throw rateLimited(call, answer);
    const retried = await send(call, url, init, budget);
    if (rateLimitWait(retried) !== null) throw rateLimited(call, retried);
    return retried;
  }

  async function requestToken(): Promise<string> {
    // No caller signal: the token is shared by every waiting caller, one of them giving up
    // must not fail the others.
    const answer = await sendPatiently(TOKEN_CALL, `${base}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: options.username, password: options.password }),
    }, ownBudget());
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

  function accessToken(budget: ProbeBudget): Promise<string> {
    if (cached !== null && now() < cached.refreshAt) return Promise.resolve(cached.token);
    // A caller already out of time starts nothing on behalf of the others.
    const late = probeLateness(budget, TOKEN_CALL, probeDeadlineMs);
    if (late !== null) return Promise.reject(late);
    inFlightToken ??= requestToken().finally(() => {
      inFlightToken = null;
    });
    return waitWithinBudget(inFlightToken, budget, TOKEN_CALL, probeDeadlineMs);
  }

  /** A GET with the bearer token; on 401 one refresh and one retry. */
  async function authorizedGet(call: string, url: string, budget: ProbeBudget) {
    const get = (token: string) =>
      sendPatiently(call, url, { headers: { authorization: `Bearer ${token}` } }, budget);
    const token = await accessToken(budget);
    const answer = await get(token);
    if (answer.status !== 401) return answer;
    // Drop the token only if nobody replaced it meanwhile, so a burst of 401s refreshes once.
    if (cached?.token === token) cached = null;
    const retried = await get(await accessToken(budget));
    if (retried.status === 401) {
      throw new ThreedeyeError(`3dEye rejected the access token (${call})`);
    }
    return retried;
  }

  async function fetchPage(page: number, budget: ProbeBudget) {
    const url = `${base}/users?page=${page}&pageSize=${pageSize}`;
    const body = parseJson(LIST_CALL, await authorizedGet(LIST_CALL, url, budget));
    // Checked before the schema: a page we refuse is not worth validating user by user.
    const data = (body as { data?: unknown } | null)?.data;
    if (Array.isArray(data) && data.length > pageSize) {
      throw new ThreedeyeError(`3dEye answered a page larger than requested (${LIST_CALL})`);
    }
    return validate(LIST_CALL, body, UserPageSchema);
  }

  /** One scan, bounded by `budget`; pages go to `onPage` in listing order, cut at the cap. */
  async function listAll(
    onPage: (page: ListingPage) => void,
    budget: ProbeBudget,
  ): Promise<ListingSummary> {
    let kept = 0;
    let dropped = false;
    const handOver = (users: readonly ThreedeyeUser[], total: number | null) => {
      const room = maxUsers - kept;
      if (users.length > room) dropped = true;
      const page = users.length > room ? users.slice(0, Math.max(0, room)) : users;
      kept += page.length;
      onPage({ users: page, total });
    };
    const first = await fetchPage(1, budget);
    const { total } = first;
    handOver(first.data, total);

    if (total !== null) {
      // The configured page size and the cap fix the page count, whatever 3dEye serves.
      const pageCount = Math.ceil(Math.min(total, maxUsers) / pageSize);
      const rest = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 2);
      // Pages answer in any order; each waits here until the pages before it are handed over.
      const early = new Map<number, ThreedeyeUser[]>();
      let next = 2;
      await mapBounded(rest, pageConcurrency, async (page, signal) => {
        early.set(page, (await fetchPage(page, { ...budget, signal })).data);
        for (let users = early.get(next); users !== undefined; users = early.get(next)) {
          early.delete(next++);
          handOver(users, total);
        }
      }, budget.signal);
      return { total, complete: !dropped && kept >= total };
    }

    let last = first.data;
    for (let page = 2; last.length === pageSize && kept < maxUsers; page++) {
      last = (await fetchPage(page, budget)).data;
      handOver(last, null);
    }
    const complete = last.length < pageSize && !dropped;
    return { total: kept, complete };
  }

  /** The client's message for a failed call; never a secret, a URL or an upstream body. */
  function probeError(call: string, error: unknown): ThreedeyeError {
    if (error instanceof ThreedeyeError) return error;
    if (!(error instanceof UpstreamError)) {
      return new ThreedeyeError(`3dEye could not be reached (${call})`, { cause: error });
    }
    switch (error.kind) {
      case "timeout":
        return new ThreedeyeError(`3dEye timed out after ${timeoutMs} ms (${call})`);
      case "deadline":
        return probeDeadlineError(call, probeDeadlineMs);
      case "too_large":
        return new ThreedeyeError(`3dEye answered more than ${maxBytes} bytes (${call})`);
      case "redirect":
        return new ThreedeyeError(
          `3dEye answered a redirect (HTTP ${error.status}), which is not followed (${call})`,
        );
      case "cancelled":
        return probeCancelledError(call);
      case "unreachable":
        return new ThreedeyeError(`3dEye could not be reached (${call})`, { cause: error });
    }
  }

  return {
    customerId: options.customerId ?? null,
    probeDeadlineMs,

    listCustomerUsers(
      onPage: (page: ListingPage) => void,
      probe?: ProbeOptions,
    ): Promise<ListingSummary> {
      const budget = budgetOf(probe);
      const late = probeLateness(budget, LIST_CALL, probeDeadlineMs);
      return late === null ? listAll(onPage, budget) : Promise.reject(late);
    },

    async getUser(id: string, probe?: ProbeOptions): Promise<ThreedeyeUser | null> {
      const url = `${base}/users/${encodeURIComponent(id)}`;
      const answer = await authorizedGet(USER_CALL, url, budgetOf(probe));
      if (answer.status === 404) return null;
      return parse(USER_CALL, answer, SingleUserSchema);
    },
  };
}

/**
 * For a rate-limit answer, the `Retry-After` wait (undefined when it gives none); null for any
 * other answer. A 503 counts only with `Retry-After`: without one it is just a failure.
 */
function rateLimitWait(answer: UpstreamAnswer): number | undefined | null {
  const wait = retryAfterMs(answer.headers.get("retry-after"));
  if (answer.status === 429) return wait;
  return answer.status === 503 && wait !== undefined ? wait : null;
}

function rateLimited(call: string, answer: UpstreamAnswer): ThreedeyeError {
  const wait = retryAfterMs(answer.headers.get("retry-after"));
  const after = wait === undefined ? "" : `, retry after ${Math.ceil(wait / 1000)} s`;
  return new ThreedeyeError(`3dEye rate limited: HTTP ${answer.status}${after} (${call})`);
}

interface Schema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false };
}

function parse<T>(call: string, answer: UpstreamAnswer, schema: Schema<T>): T {
  return validate(call, parseJson(call, answer), schema);
}

/** The JSON of a 2xx answer. */
function parseJson(call: string, answer: UpstreamAnswer): unknown {
  if (answer.status < 200 || answer.status >= 300) {
    throw new ThreedeyeError(`3dEye answered HTTP ${answer.status} (${call})`);
  }
  try {
    return JSON.parse(answer.text);
  } catch {
    throw new ThreedeyeError(`3dEye answered malformed JSON (${call})`);
  }
}

function validate<T>(call: string, body: unknown, schema: Schema<T>): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new ThreedeyeError(`3dEye answered an unexpected shape (${call})`);
  return result.data;
}

function positive(name: string, value: number | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`Creating the 3dEye client needs ${name} to be a positive integer`);
  }
  return value;
}
