/**
 * STAND-IN for the 3dEye admin API (3dEye cannot be reached from these machines). Real HTTP on
 * 127.0.0.1, implementing exactly the calls the 3dEye client in `@spkey/api` assumes, under the
 * same `/v3` base path as `https://admin-api.3deye.me/v3`:
 *
 * - `POST /v3/auth/token` — header `x-api-key`, JSON body `{ username, password }` →
 *   `{ accessToken, expiresIn }` (seconds; omitted when `tokenTtlSeconds` is null), else 401.
 * - `GET /v3/users?page=&pageSize=` — `Authorization: Bearer <token>` →
 *   `{ data: [{ id, email, … }], total, page, pageSize }` (`total` omitted when `includeTotal`
 *   is false), 401 for an unknown or expired token.
 * - `GET /v3/users/{id}` — the user, or 404.
 * - Every data call (not the token call) also needs the `x-api-key` header, as the one public
 *   client of 3dEye's admin API sends it: without it (or with a wrong one) the stand-in answers
 *   403 `{ message }` before looking at the token, the way an API gateway would.
 *
 * Faults for tests and benchmarks: `down` (the listener is closed: connections are refused),
 * `slow` (answers stall for `slowMs`), `error500`, `malformed` (a 200 with truncated JSON), and
 * the one-shot `expire_tokens` (every issued token becomes invalid). Stalls end after `slowMs` or
 * when the stand-in stops, not when the client gives up.
 *
 * HOSTILE faults (a broken or malicious upstream; see {@linkcode ThreedeyeFault}) shape listing
 * pages — `giant_page`, `one_per_page`, `slow_pages` — or every call — `endless_body`,
 * `redirect` (307 to a second origin that counts what reaches it), `rate_limited` (429) and
 * `unavailable` (503), both with `Retry-After: retryAfterSeconds`. It is used only when tests,
 * benchmarks or the demo point the app at it, never with real settings.
 *
 * @module
 */
import { demoThreedeyeUsers, type StandinThreedeyeUser } from "./demo_data.ts";
import {
  endlessJsonResponse,
  type RedirectTarget,
  redirectTo,
  startRedirectTarget,
} from "./hostile_http.ts";
import { pause, serveLoopback } from "./loopback_server.ts";

/** The credentials the stand-in accepts unless told otherwise (demo values, not secrets). */
export const DEMO_THREEDEYE_CREDENTIALS = {
  apiKey: "demo-3deye-api-key-standin",
  username: "demo-integration@smartphonekey.com",
  password: "demo-3deye-password-standin",
} as const;

/**
 * What the stand-in can be told to do wrong. `null` clears the fault.
 *
 * Listing pages only (other calls answer normally):
 * - `giant_page`: every page holds the same `giantPageUsers` users whatever `pageSize` asked
 *   (built once, when the fault is set), and `total` says 1,000,000;
 * - `one_per_page`: every page holds one user, and `total` says 10^12;
 * - `slow_pages`: every page takes `slowPageMs` and is full (`pageSize` users, `total` 1,000,000).
 *
 * Every call, the token call included:
 * - `endless_body`: a 200 whose JSON body never ends (until the client cancels);
 * - `redirect`: a 307 to the same path on a second origin, which counts what reaches it;
 * - `rate_limited` / `unavailable`: 429 / 503 with `Retry-After: retryAfterSeconds`.
 */
export type ThreedeyeFault =
  | null
  | "down"
  | "slow"
  | "error500"
  | "malformed"
  | "expire_tokens"
  | "giant_page"
  | "one_per_page"
  | "slow_pages"
  | "endless_body"
  | "redirect"
  | "rate_limited"
  | "unavailable";

/** Options for {@linkcode startThreedeyeStandin}. */
export interface ThreedeyeStandinOptions {
  /** The customer's users, in listing order (default: the demo customer). */
  users?: readonly StandinThreedeyeUser[];
  apiKey?: string;
  username?: string;
  password?: string;
  /** Token lifetime reported as `expiresIn`; null omits the field (default 3600). */
  tokenTtlSeconds?: number | null;
  /** Added to every answer (default 0). */
  latencyMs?: number;
  /** Whether listings report `total` (default true). */
  includeTotal?: boolean;
  /** How long the `slow` fault stalls an answer (default 30 000 ms; ends early on stop). */
  slowMs?: number;
  /** Users on every page under the `giant_page` fault (default 20 000). */
  giantPageUsers?: number;
  /** How long each page takes under the `slow_pages` fault (default 500 ms). */
  slowPageMs?: number;
  /** The `Retry-After` of the `rate_limited` and `unavailable` faults, in seconds (default 5). */
  retryAfterSeconds?: number;
}

/** Requests served, by kind. */
export interface ThreedeyeStandinCounts {
  /** Every request received, any path, faulted or not. */
  requests: number;
  /** Token requests (accepted or not). */
  token: number;
  /** Listings started (requests for page 1). */
  list: number;
  /** Listing page requests, page 1 included. */
  pages: number;
  /** `GET /users/{id}` requests. */
  getUser: number;
  /** Data requests refused with 401. */
  unauthorized: number;
  /** Data requests refused with 403 for a missing or wrong `x-api-key`. */
  forbidden: number;
  /** Requests that reached the `redirect` fault's target origin (a client must send none). */
  redirectTargetRequests: number;
  /** The most listing pages ever in flight at once. */
  maxConcurrentPages: number;
}

/** A running 3dEye stand-in. */
export interface ThreedeyeStandin {
  /** The API base to configure as `THREEDEYE_API_BASE`, e.g. `http://127.0.0.1:4123/v3`. */
  readonly url: string;
  /** Live counters (read them after the calls under test). */
  readonly counts: Readonly<ThreedeyeStandinCounts>;
  resetCounts(): void;
  /** Sets the fault for the share `ratio` (0..1, default 1) of requests; `down` ignores ratio. */
  setFault(fault: ThreedeyeFault, ratio?: number): Promise<void>;
  setLatency(ms: number): void;
  setUsers(users: readonly StandinThreedeyeUser[]): void;
  /** Access tokens issued so far (to prove none of them reaches a log). */
  issuedTokens(): string[];
  close(): Promise<void>;
}

const MAX_PAGE_SIZE = 1000;
/** The `total` the `giant_page` and `slow_pages` faults claim. */
const HOSTILE_TOTAL = 1_000_000;
/** The `total` the `one_per_page` fault claims. */
const HUGE_TOTAL = 1e12;

/**
 * Starts the 3dEye stand-in on an OS-chosen loopback port.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { DEMO_THREEDEYE_CREDENTIALS, startThreedeyeStandin } from "@spkey/testkit";
 * const standin = startThreedeyeStandin();
 * const { apiKey, username, password } = DEMO_THREEDEYE_CREDENTIALS;
 * const res = await fetch(`${standin.url}/auth/token`, {
 *   method: "POST",
 *   headers: { "x-api-key": apiKey, "content-type": "application/json" },
 *   body: JSON.stringify({ username, password }),
 * });
 * assertEquals(typeof (await res.json()).accessToken, "string");
 * await standin.close();
 * ```
 */
export function startThreedeyeStandin(options: ThreedeyeStandinOptions = {}): ThreedeyeStandin {
  const credentials = {
    apiKey: options.apiKey ?? DEMO_THREEDEYE_CREDENTIALS.apiKey,
    username: options.username ?? DEMO_THREEDEYE_CREDENTIALS.username,
    password: options.password ?? DEMO_THREEDEYE_CREDENTIALS.password,
  };
  const ttl = options.tokenTtlSeconds === undefined ? 3600 : options.tokenTtlSeconds;
  const includeTotal = options.includeTotal ?? true;
  const slowMs = options.slowMs ?? 30_000;
  const giantPageUsers = options.giantPageUsers ?? 20_000;
  const slowPageMs = options.slowPageMs ?? 500;
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  let giantPage: string | null = null;
  const giantPageBody = () =>
    giantPage ??= JSON.stringify({ data: hostileUsers(1, giantPageUsers), total: HOSTILE_TOTAL });
  let redirectTarget: RedirectTarget | null = null;
  // What the redirect target had received at the last resetCounts (it counts for its whole life).
  let redirectTargetBaseline = 0;
  let users: readonly StandinThreedeyeUser[] = options.users ?? demoThreedeyeUsers;
  let latencyMs = options.latencyMs ?? 0;
  let fault: ThreedeyeFault = null;
  let faultRatio = 1;
  // token -> expiry (ms since epoch); expire_tokens empties it.
  const tokens = new Map<string, number>();
  const issued: string[] = [];
  const counts: ThreedeyeStandinCounts = zeroCounts();
  let pagesInFlight = 0;

  async function handle(request: Request, stopping: AbortSignal): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith("/v3/") ? url.pathname.slice(3) : null;
    const route = routeOf(request.method, path);
    counts.requests += 1;
    if (route === "token") counts.token += 1;
    if (route === "page") {
      counts.pages += 1;
      if ((url.searchParams.get("page") ?? "1") === "1") counts.list += 1;
    }
    if (route === "user") counts.getUser += 1;

    // Only `stopping` cuts waits short: reading request.signal in a Deno.serve handler makes Deno
    // warn about its legacy abort behaviour, and a stall past the client's timeout is the point.
    // A page is in flight while it waits out the configured latency (or, with none, its one
    // yield in listPage); a fault's stall does not count, nor does a page left over from before.
    const latency = pause(latencyMs, stopping);
    await (route === "page" && latencyMs > 0 ? pageInFlight(latency) : latency);
    const active = fault !== null && Math.random() < faultRatio ? fault : null;
    if (active === "slow") await pause(slowMs, stopping);
    if (active === "error500") return json({ message: "Internal server error" }, 500);
    if (active === "malformed") {
      return new Response('{"data": [{"id": "td-1', {
        headers: { "content-type": "application/json" },
      });
    }
    if (active === "endless_body") {
      return endlessJsonResponse('{"data":[', '{"id":"td-endless","email":null}', stopping);
    }
    if (active === "redirect") {
      redirectTarget ??= startRedirectTarget();
      return redirectTo(redirectTarget, request);
    }
    if (active === "rate_limited" || active === "unavailable") {
      return Response.json({ message: active === "rate_limited" ? "Too many requests" : "Busy" }, {
        status: active === "rate_limited" ? 429 : 503,
        headers: { "retry-after": String(retryAfterSeconds) },
      });
    }

    if (route === "token") return await issueToken(request);
    if (route === null) return json({ message: "Not found" }, 404);
    if (request.headers.get("x-api-key") !== credentials.apiKey) {
      counts.forbidden += 1;
      return json({ message: "Forbidden: missing or invalid x-api-key" }, 403);
    }
    if (!authorized(request)) {
      counts.unauthorized += 1;
      return json({ message: "Unauthorized" }, 401);
    }
    if (route === "page" && active === "slow_pages") {
      await pageInFlight(pause(slowPageMs, stopping));
    }
    if (route === "page" && isPageFault(active)) return hostilePage(active, url);
    if (route === "page") return await listPage(url, stopping);
    const id = decodeURIComponent(path!.slice("/users/".length));
    const user = users.find((u) => u.id === id);
    return user === undefined ? json({ message: "User not found" }, 404) : json(user);
  }

  async function issueToken(request: Request): Promise<Response> {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return json({ message: "Body must be JSON" }, 400);
    }
    const { username, password } = (body ?? {}) as Record<string, unknown>;
    if (
      request.headers.get("x-api-key") !== credentials.apiKey ||
      username !== credentials.username || password !== credentials.password
    ) {
      return json({ message: "Invalid credentials" }, 401);
    }
    const accessToken = `standin-token-${crypto.randomUUID()}`;
    tokens.set(accessToken, Date.now() + (ttl ?? 3600) * 1000);
    issued.push(accessToken);
    return json(ttl === null ? { accessToken } : { accessToken, expiresIn: ttl });
  }

  function authorized(request: Request): boolean {
    const match = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
    const expiry = match ? tokens.get(match[1]) : undefined;
    return expiry !== undefined && expiry > Date.now();
  }

  /** Counts a page as in flight while `wait` runs. */
  async function pageInFlight(wait: Promise<void>): Promise<void> {
    pagesInFlight += 1;
    counts.maxConcurrentPages = Math.max(counts.maxConcurrentPages, pagesInFlight);
    try {
      await wait;
    } finally {
      pagesInFlight -= 1;
    }
  }

  async function listPage(url: URL, stopping: AbortSignal): Promise<Response> {
    const page = positiveInt(url.searchParams.get("page"), 1);
    const pageSize = Math.min(positiveInt(url.searchParams.get("pageSize"), 100), MAX_PAGE_SIZE);
    // With no latency, yield once so concurrent page requests overlap measurably; with one, the
    // latency is the page's whole wait (a configured 50 ms answers in 50 ms, not 51+).
    if (latencyMs === 0) await pageInFlight(pause(1, stopping));
    const data = users.slice((page - 1) * pageSize, page * pageSize);
    return json(includeTotal ? { data, total: users.length, page, pageSize } : { data, page });
  }

  /** A listing page shaped by a page fault (users are made up on the fly). */
  function hostilePage(active: PageFault, url: URL): Response {
    const page = positiveInt(url.searchParams.get("page"), 1);
    const pageSize = Math.min(positiveInt(url.searchParams.get("pageSize"), 100), MAX_PAGE_SIZE);
    if (active === "one_per_page") {
      return json({ data: [hostileUser(page)], total: HUGE_TOTAL, page, pageSize });
    }
    if (active === "giant_page") {
      return new Response(giantPageBody(), { headers: { "content-type": "application/json" } });
    }
    const data = hostileUsers((page - 1) * pageSize + 1, pageSize);
    return json({ data, total: HOSTILE_TOTAL, page, pageSize });
  }

  const server = serveLoopback(handle);

  return {
    url: `${server.url}/v3`,
    get counts() {
      counts.redirectTargetRequests = (redirectTarget?.requests ?? 0) - redirectTargetBaseline;
      return counts;
    },
    resetCounts() {
      Object.assign(counts, zeroCounts());
      redirectTargetBaseline = redirectTarget?.requests ?? 0;
    },
    async setFault(next: ThreedeyeFault, ratio = 1) {
      if (next === "expire_tokens") {
        tokens.clear();
        return;
      }
      fault = next;
      faultRatio = Math.min(Math.max(ratio, 0), 1);
      // Built now rather than on the first page, so that page is not slow on top of giant.
      if (next === "giant_page") giantPageBody();
      if (next === "down") await server.stop();
      else server.start();
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    setUsers(next: readonly StandinThreedeyeUser[]) {
      users = next;
    },
    issuedTokens: () => [...issued],
    async close() {
      await server.close();
      await redirectTarget?.close();
    },
  };
}

type PageFault = "giant_page" | "one_per_page" | "slow_pages";

function isPageFault(fault: ThreedeyeFault): fault is PageFault {
  return fault === "giant_page" || fault === "one_per_page" || fault === "slow_pages";
}

function hostileUser(n: number): StandinThreedeyeUser {
  return { id: `td-hostile-${n}`, email: `hostile${n}@hostile.example.org` };
}

/** `count` made-up users numbered from `first`. */
function hostileUsers(first: number, count: number): StandinThreedeyeUser[] {
  return Array.from({ length: count }, (_, i) => hostileUser(first + i));
}

function routeOf(method: string, path: string | null): "token" | "page" | "user" | null {
  if (path === null) return null;
  if (method === "POST" && path === "/auth/token") return "token";
  if (method === "GET" && path === "/users") return "page";
  if (method === "GET" && /^\/users\/[^/]+$/.test(path)) return "user";
  return null;
}

function zeroCounts(): ThreedeyeStandinCounts {
  return {
    requests: 0,
    token: 0,
    list: 0,
    pages: 0,
    getUser: 0,
    unauthorized: 0,
    forbidden: 0,
    redirectTargetRequests: 0,
    maxConcurrentPages: 0,
  };
}

function positiveInt(raw: string | null, fallback: number): number {
  const value = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}
