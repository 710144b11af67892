/**
 * In-memory fakes of the app's ports for unit tests: a store over fixed snapshots (and fixed
 * users for the search by email) and a 3dEye directory over a fixed listing, both recording their
 * calls and able to fail or stall on cue.
 *
 * @module
 */
import {
  type CustomerListing,
  type DiagnosticsStore,
  StoreUnavailableError,
  type ThreedeyeDirectory,
  type ThreedeyeUser,
  type UserCandidateRecord,
  type UserSnapshot,
} from "../../src/ports.ts";

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
  listCalls: number;
  getUserCalls: string[];
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
}

/** A directory over a fixed listing. */
export function fakeDirectory(options: FakeDirectoryOptions): FakeDirectory {
  const listing: CustomerListing = {
    total: options.total ?? options.users.length + (options.hidden?.length ?? 0),
    users: options.users.map((u) => ({ ...u })),
    complete: options.complete ?? true,
  };
  const everyone = [...options.users, ...(options.hidden ?? [])];
  const directory: FakeDirectory = {
    customerId: options.customerId ?? "cust-demo-001",
    probeDeadlineMs: 5000,
    listCalls: 0,
    getUserCalls: [],
    listFailsWith: null,
    getUserFailsWith: null,
    gate: null,
    async listCustomerUsers() {
      directory.listCalls++;
      if (directory.gate) await directory.gate;
      if (directory.listFailsWith) throw directory.listFailsWith;
      return structuredClone(listing);
    },
    getUser(id) {
      directory.getUserCalls.push(id);
      if (directory.getUserFailsWith) return Promise.reject(directory.getUserFailsWith);
      return Promise.resolve(everyone.find((u) => u.id === id) ?? null);
    },
  };
  return directory;
}
