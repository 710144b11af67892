/**
 * In-memory fakes of the app's ports for unit tests: a store over fixed snapshots (and fixed
 * users for the search by email) and a 3dEye directory over a fixed listing, both recording their
 * calls and able to fail or stall on cue, and the listing cache over such a directory.
 *
 * @module
 */
import {
  type DiagnosticsStore,
  StoreUnavailableError,
  type ThreedeyeDirectory,
  ThreedeyeError,
  type ThreedeyeUser,
  type UserCandidateRecord,
  type UserSnapshot,
} from "../../src/domain.ts";
import {
  createCustomerListingCache,
  type CustomerListingCache,
} from "../../src/threedeye/customer_listing.ts";

const EMPTY: UserSnapshot = { user: null, mapping: null, recovery: null };

/** A fake store plus what it was asked. */
export interface FakeStore extends DiagnosticsStore {
  reads: string[];
  /** Each search as `[email, limit]`. */
  searches: Array<[string, number]>;
  /** When set, every call rejects with it. */
  failWith: Error | null;
  /** When set, reads wait for it before answering. */
  gate: Promise<void> | null;
}

/**
 * A store answering `snapshots[userId]` (or an empty snapshot), and searching `users` the way
 * the SQL does: email equal but for ASCII letter case, ordered by `createdAt` then id, cut at the
 * limit.
 */
export function fakeStore(
  snapshots: Record<string, UserSnapshot> = {},
  users: readonly UserCandidateRecord[] = [],
): FakeStore {
  const store: FakeStore = {
    reads: [],
    searches: [],
    failWith: null,
    gate: null,
    async readUserSnapshot(userId) {
      store.reads.push(userId);
      if (store.gate) await store.gate;
      if (store.failWith) throw store.failWith;
      return structuredClone(snapshots[userId] ?? EMPTY);
    },
    async findUsersByEmail(email, limit) {
      store.searches.push([email, limit]);
      if (store.gate) await store.gate;
      if (store.failWith) throw store.failWith;
      const matches = users
        .filter((user) => foldAscii(user.email) === foldAscii(email))
        .sort((a, b) =>
          compareText(a.createdAt ?? "", b.createdAt ?? "") || compareText(a.id, b.id)
        );
      return {
        candidates: structuredClone(matches.slice(0, limit)),
        truncated: matches.length > limit,
      };
    },
    ping() {
      return store.failWith ? Promise.reject(store.failWith) : Promise.resolve();
    },
  };
  return store;
}

/** SQLite's NOCASE: A–Z folded to a–z, every other character as it is. */
function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Binary order, as SQLite compares text by default. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A database outage as the real executors report it. */
export function databaseDown(): StoreUnavailableError {
  return new StoreUnavailableError("Querying D1 failed: connection refused");
}

/** A fake directory plus what it was asked. */
export interface FakeDirectory extends ThreedeyeDirectory {
  /** Listings started. */
  listCalls: number;
  /** Pages handed over, over every listing. */
  pagesServed: number;
  getUserCalls: string[];
  /** The signal of the last listing (the scan's own, from the listing cache). */
  lastListSignal: AbortSignal | undefined;
  /** When set, listing rejects with it. */
  listFailsWith: unknown;
  /** When set, getUser rejects with it. */
  getUserFailsWith: unknown;
  /** When set, listing waits for it before answering. */
  gate: Promise<void> | null;
}

/** Options of {@linkcode fakeDirectory}. */
export interface FakeDirectoryOptions {
  customerId?: string;
  users: readonly ThreedeyeUser[];
  /** Defaults to `users.length`. */
  total?: number;
  /** Defaults to true. With false, `users` is the scanned part and `hidden` the rest. */
  complete?: boolean;
  /** Users only reachable through getUser (beyond the scan cap). */
  hidden?: readonly ThreedeyeUser[];
  /** Users per page handed over (default: all of them in one page). */
  pageSize?: number;
  /** Whether the pages state `total` (default true), as 3dEye's listing does. */
  statesTotal?: boolean;
}

/**
 * A directory over a fixed listing, handed over page by page (one macrotask apart, so a
 * listing in progress can be observed), stopping when its signal aborts.
 */
export function fakeDirectory(options: FakeDirectoryOptions): FakeDirectory {
  const total = options.total ?? options.users.length + (options.hidden?.length ?? 0);
  const users = options.users.map((u) => ({ ...u }));
  const complete = options.complete ?? true;
  const pageSize = options.pageSize ?? Math.max(1, users.length);
  const statesTotal = options.statesTotal ?? true;
  const everyone = [...options.users, ...(options.hidden ?? [])];
  const directory: FakeDirectory = {
    customerId: options.customerId ?? "cust-demo-001",
    probeDeadlineMs: 5000,
    listCalls: 0,
    pagesServed: 0,
    getUserCalls: [],
    lastListSignal: undefined,
    listFailsWith: null,
    getUserFailsWith: null,
    gate: null,
    async listCustomerUsers(onPage, probe) {
      directory.listCalls++;
      directory.lastListSignal = probe?.signal;
      if (directory.gate) await directory.gate;
      if (directory.listFailsWith) throw directory.listFailsWith;
      for (let start = 0; start === 0 || start < users.length; start += pageSize) {
        if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        if (probe?.signal?.aborted) {
          throw new ThreedeyeError("3dEye call was cancelled (GET /users)");
        }
        directory.pagesServed++;
        onPage({
          users: structuredClone(users.slice(start, start + pageSize)),
          total: statesTotal ? total : null,
        });
      }
      return { total: statesTotal ? total : users.length, complete };
    },
    getUser(id) {
      directory.getUserCalls.push(id);
      if (directory.getUserFailsWith) return Promise.reject(directory.getUserFailsWith);
      return Promise.resolve(everyone.find((u) => u.id === id) ?? null);
    },
  };
  return directory;
}

/** `directory` behind a listing cache with `ttlMs` (default 0: every lookup lists). */
export function fakeListing(directory: ThreedeyeDirectory, ttlMs = 0): CustomerListingCache {
  return createCustomerListingCache(directory, { ttlMs, scheduleExpiry: () => () => {} });
}
