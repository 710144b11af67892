/**
 * The customer's 3dEye listing, kept per instance for a short TTL, so that a lookup's upstream
 * cost does not grow with the customer: within the TTL, any number of reports cost one listing.
 * What is kept is the listing's compact index ({@linkcode ListingIndex}), not the raw users.
 *
 * A listing's age runs from when it STARTED (its first page is its oldest part):
 *
 * - **fresh** (age < TTL): served as is;
 * - **stale** (TTL ≤ age < TTL + the probe deadline): served at once, while ONE background
 *   refresh runs, started by the first lookup that finds it stale (on Workers kept alive past
 *   that lookup's response through its `waitUntil`); nobody waits for it;
 * - **expired** (age ≥ TTL + the probe deadline, the most a refresh can take): dropped, by a
 *   timer that never keeps the process alive, and on the next lookup at the latest (a Worker
 *   isolate's timers do not outlive its requests); the next lookup waits for a new listing.
 *
 * A lookup asking for fresh data (`Cache-Control: no-cache`) is never served a kept listing: it
 * joins the listing in flight or starts one, and that listing then replaces the kept one.
 *
 * One listing is in flight at a time, shared by every lookup that needs one while it runs, and a
 * lookup waits for it only until its own `enough(index)` holds (its email and mapped id seen:
 * early stop), the listing ends, or the lookup's signal or deadline ends its wait. The scan has
 * its own deadline, `probeDeadlineMs` from its start. When the cache will keep it (TTL > 0) the
 * cache waits for it too, so it goes on after every lookup left, up to that deadline; with
 * TTL 0 the last lookup leaving stops it.
 *
 * A failed listing is never kept. A failed refresh (or a failed fresh listing) leaves the kept
 * listing served until it expires, with no second refresh for it: a failing 3dEye costs at most
 * one listing per listing kept, then one per lookup (shared) as without the cache.
 *
 * TTL 0 turns the cache off: every lookup lists (still one scan for concurrent lookups).
 *
 * @module
 */
import type { ProbeOptions, ThreedeyeDirectory } from "../domain.ts";
import { ListingIndex } from "./listing_index.ts";
import { type ProbeBudget, waitWithinBudget } from "./probe_wait.ts";

/** Options of {@linkcode createCustomerListingCache}. */
export interface CustomerListingCacheOptions {
  /** How long a listing is served as fresh, in ms (`THREEDEYE_LISTING_TTL_SECONDS`); 0: off. */
  ttlMs: number;
  /** Clock of the listings' age, ms since the epoch (tests); default `Date.now`. */
  now?: () => number;
  /**
   * Runs `drop` after `ms` and returns its cancel (tests); default a `setTimeout` that never
   * keeps the process alive.
   */
  scheduleExpiry?: (drop: () => void, ms: number) => () => void;
}

/** What one lookup asks of the listing. */
export interface ListingRequest extends ProbeOptions {
  /** Never a kept listing: one started for this lookup or in flight (`Cache-Control: no-cache`). */
  fresh?: boolean;
  /**
   * Keeps work alive after this lookup's response (a Worker's `executionCtx.waitUntil`): a
   * refresh this lookup started, or a listing that goes on after it stopped waiting.
   */
  waitUntil?: (work: Promise<unknown>) => void;
}

/** A listing as a lookup gets it. */
export interface ListingView {
  /** The listing's index: complete, or the prefix that answered this lookup. */
  index: ListingIndex;
  /** When the listing started (ms since the epoch): how old its remote data is at most. */
  fetchedAt: number;
}

/** One lookup's hold on the listing it joined. */
export interface ListingHold {
  /**
   * Resolves once `enough(index)` holds or the listing has ended; rejects with the listing's
   * `ThreedeyeError`, or when the lookup's signal aborts or its deadline passes first.
   */
  until(enough: (index: ListingIndex) => boolean): Promise<ListingView>;
}

/** The customer's listing, kept per instance. */
export interface CustomerListingCache {
  /** Where listings come from; lookups by id go to it directly. */
  readonly directory: ThreedeyeDirectory;
  /** How long a listing is served as fresh (ms); 0 when nothing is kept. */
  readonly ttlMs: number;
  /** The listing for this lookup (kept, in flight, or started now): see the module doc. */
  join(request?: ListingRequest): ListingHold;
}

const LIST_CALL = "GET /users";
/**
 * How long past its own deadline a scan is still waited for. Every call ends by the deadline, so
 * a scan that has not settled by then never will: its request context was torn down under it.
 */
const ABANDONED_AFTER_MS = 1000;

/** One listing: its scan and what it has indexed. */
interface Listing {
  readonly view: ListingView;
  /** The scan's own deadline (`Date.now()` clock). */
  readonly deadline: number;
  readonly stop: AbortController;
  /** Whether the cache keeps it once done (TTL > 0), and so waits for its scan. */
  readonly keep: boolean;
  state: "running" | "done" | "failed";
  error: unknown;
  /** Settles (never rejects) when the scan ends. */
  ended: Promise<void>;
  /** Lookups holding it while it runs. */
  holders: number;
  waiters: Set<Waiter>;
  /** A later listing failed while this one was kept: no further refresh is started for it. */
  refreshFailed: boolean;
}

interface Waiter {
  enough: (index: ListingIndex) => boolean;
  /** Resolves (no argument) or rejects the lookup's wait. */
  settle: (failure?: { error: unknown }) => void;
}

/**
 * Keeps `directory`'s customer listing per instance (see the module doc).
 *
 * @param directory The 3dEye directory the listings come from.
 * @param options The TTL and, for tests, the clock and the expiry timer.
 * @returns The cache.
 * @throws {RangeError} When the TTL is not a non-negative integer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createCustomerListingCache } from "./customer_listing.ts";
 * let listings = 0;
 * const cache = createCustomerListingCache({
 *   customerId: "c-1",
 *   probeDeadlineMs: 5000,
 *   listCustomerUsers(onPage) {
 *     listings += 1;
 *     onPage({ users: [{ id: "td-1", email: "a@example.com" }], total: 1 });
 *     return Promise.resolve({ total: 1, complete: true });
 *   },
 *   getUser: () => Promise.resolve(null),
 * }, { ttlMs: 60_000, scheduleExpiry: () => () => {} });
 * const all = () => false;
 * const first = await cache.join().until(all);
 * const second = await cache.join().until(all);
 * assertEquals([first.index.emailOwner("a@example.com"), listings], ["td-1", 1]);
 * assertEquals(second.fetchedAt, first.fetchedAt);
 * await cache.join({ fresh: true }).until(all);
 * assertEquals(listings, 2);
 * ```
 */
export function createCustomerListingCache(
  directory: ThreedeyeDirectory,
  options: CustomerListingCacheOptions,
): CustomerListingCache {
  const { ttlMs } = options;
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 0) {
    throw new RangeError("Creating the listing cache needs ttlMs to be a non-negative integer");
  }
  const now = options.now ?? Date.now;
  const scheduleExpiry = options.scheduleExpiry ?? unrefTimeout;
  const { probeDeadlineMs } = directory;
  /** The oldest a kept listing may be: the TTL plus the longest a refresh of it can take. */
  const expiresAfterMs = ttlMs + probeDeadlineMs;

  let kept: Listing | null = null;
  let cancelExpiry: (() => void) | null = null;
  let running: Listing | null = null;

  function keep(listing: Listing): void {
    // Only a newer listing replaces the kept one (an abandoned scan may still end late).
    if (kept !== null && kept.view.fetchedAt > listing.view.fetchedAt) return;
    cancelExpiry?.();
    kept = listing;
    const expiresInMs = listing.view.fetchedAt + expiresAfterMs - now();
    cancelExpiry = scheduleExpiry(() => {
      if (kept === listing) forget();
    }, Math.max(0, expiresInMs));
  }

  function forget(): void {
    cancelExpiry?.();
    cancelExpiry = null;
    kept = null;
  }

  function start(): Listing {
    const stop = new AbortController();
    const deadline = Date.now() + probeDeadlineMs;
    const listing: Listing = {
      view: { index: new ListingIndex(), fetchedAt: now() },
      deadline,
      stop,
      keep: ttlMs > 0,
      state: "running",
      error: null,
      ended: Promise.resolve(),
      holders: 0,
      waiters: new Set(),
      refreshFailed: false,
    };
    const { index } = listing.view;
    listing.ended = directory
      .listCustomerUsers((page) => {
        index.addPage(page);
        notify(listing);
      }, { signal: stop.signal, deadline })
      .then((summary) => {
        index.finish(summary);
        listing.state = "done";
        if (listing.keep) keep(listing);
      }, (error) => {
        listing.state = "failed";
        listing.error = error;
        if (kept !== null) kept.refreshFailed = true;
      })
      .finally(() => {
        if (running === listing) running = null;
        notify(listing);
      });
    running = listing;
    return listing;
  }

  /** The listing this request gets; starts one (in the background for a stale one) as needed. */
  function pick(request: ListingRequest): Listing {
    const at = now();
    if (kept !== null && at - kept.view.fetchedAt >= expiresAfterMs) forget();
    if (running !== null && Date.now() > running.deadline + ABANDONED_AFTER_MS) running = null;
    if (!request.fresh && kept !== null) {
      const stale = at - kept.view.fetchedAt >= ttlMs;
      if (stale && running === null && !kept.refreshFailed) {
        const refresh = start();
        request.waitUntil?.(refresh.ended);
      }
      return kept;
    }
    return running ?? start();
  }

  /** Holds a running listing for one lookup until it has enough, leaves, or runs out of time. */
  function hold(listing: Listing, budget: ProbeBudget): ListingHold {
    listing.holders += 1;
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      budget.signal?.removeEventListener("abort", release);
      listing.holders -= 1;
      // Nobody needs a listing the cache will not keep any more: stop its scan.
      if (listing.holders === 0 && !listing.keep && listing.state === "running") {
        listing.stop.abort();
      }
    };
    budget.signal?.addEventListener("abort", release, { once: true });
    if (budget.signal?.aborted) release();
    return {
      until(enough) {
        let waiter: Waiter | null = null;
        const reached = new Promise<ListingView>((resolve, reject) => {
          waiter = {
            enough,
            settle: (failure) => (failure ? reject(failure.error) : resolve(listing.view)),
          };
          listing.waiters.add(waiter);
          settleIfReady(listing, waiter);
        });
        return waitWithinBudget(reached, budget, LIST_CALL, probeDeadlineMs).finally(() => {
          if (waiter !== null) listing.waiters.delete(waiter);
          release();
        });
      },
    };
  }

  return {
    directory,
    ttlMs,
    join(request: ListingRequest = {}): ListingHold {
      const listing = pick(request);
      if (listing.state === "done") return { until: () => Promise.resolve(listing.view) };
      request.waitUntil?.(listing.ended);
      return hold(listing, {
        signal: request.signal,
        deadline: request.deadline ?? Date.now() + probeDeadlineMs,
      });
    },
  };
}

function notify(listing: Listing): void {
  for (const waiter of listing.waiters) settleIfReady(listing, waiter);
}

function settleIfReady(listing: Listing, waiter: Waiter): void {
  if (listing.state === "failed") waiter.settle({ error: listing.error });
  else if (listing.state === "done" || waiter.enough(listing.view.index)) waiter.settle();
  else return;
  listing.waiters.delete(waiter);
}

/**
 * `setTimeout` that never keeps the process alive: Deno's `Deno.unrefTimer`, or Node's
 * `unref()`, where they exist. workerd has neither and needs neither: an idle isolate is evicted,
 * and its timers do not outlive its requests (the next lookup drops an expired listing then).
 */
function unrefTimeout(run: () => void, ms: number): () => void {
  const timer: unknown = setTimeout(run, ms);
  if (typeof timer === "number") {
    (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno?.unrefTimer?.(timer);
  } else (timer as { unref?: () => void }).unref?.();
  return () => clearTimeout(timer as number);
}
