/**
 * The domain the app diagnoses, as plain types: the database records of a user (its row, 3dEye
 * mapping and recovery row) and the 3dEye users; the interfaces through which they are read, which
 * runtime adapters implement (`SqlExecutor` and the `DiagnosticsStore` over it for the company
 * database, `ThreedeyeDirectory` for 3dEye); and the errors those reads reject with. Nothing here
 * writes.
 *
 * @module
 */

/** One SQL statement with positional `?` parameters. */
export interface SqlStatement {
  sql: string;
  params: ReadonlyArray<string | number | null>;
}

/** A result row: column name to value. */
export type SqlRow = Record<string, unknown>;

/**
 * Runs statements against a database. `batch` sends ALL statements in ONE round trip (a D1
 * batch, one D1 HTTP query call, or one synchronous SQLite pass) and returns one row array per
 * statement, in order. Failures reject with {@linkcode StoreUnavailableError}.
 */
export interface SqlExecutor {
  batch(statements: ReadonlyArray<SqlStatement>): Promise<SqlRow[][]>;
}

/** The `b2c_users` row. */
export interface UserRecord {
  id: string;
  email: string | null;
}

/** The `threedeye_users` mapping row. The password never leaves the store: only `hasPassword`. */
export interface MappingRecord {
  threedeyeUserId: string;
  hasPassword: boolean;
  /**
   * ISO 8601 in UTC, e.g. `2026-01-05T10:00:00.000Z`; null when the stored value is not a
   * recognisable timestamp (a data problem the report shows rather than hides behind a 5xx).
   */
  createdAt: string | null;
}

/** The recovery row. */
export interface RecoveryRecord {
  roleIds: string[];
}

/** The three reads for one user, taken in one round trip. */
export interface UserSnapshot {
  user: UserRecord | null;
  mapping: MappingRecord | null;
  recovery: RecoveryRecord | null;
}

/** A `b2c_users` row found by email, with whether it has a mapping. */
export interface UserCandidateRecord {
  id: string;
  /** The email as stored. */
  email: string;
  /** The user row's `created_at` as ISO 8601 in UTC; null when not a recognisable timestamp. */
  createdAt: string | null;
  /** Whether a `threedeye_users` row exists for the user. */
  hasThreedeyeMapping: boolean;
}

/** The users whose email matches, oldest first, cut at the requested limit. */
export interface UserSearchResult {
  candidates: UserCandidateRecord[];
  /** True when more users matched than the limit. */
  truncated: boolean;
}

/** Read-only access to the company database. */
export interface DiagnosticsStore {
  /** The user row, mapping and recovery row for `userId` (a lowercase UUID), in ONE round trip. */
  readUserSnapshot(userId: string): Promise<UserSnapshot>;
  /**
   * The users whose stored email equals `email` ignoring ASCII letter case (SQLite's NOCASE),
   * oldest first, at most `limit` of them, in ONE round trip.
   */
  findUsersByEmail(email: string, limit: number): Promise<UserSearchResult>;
  /** Resolves when the database answers a trivial query; rejects with StoreUnavailableError. */
  ping(): Promise<void>;
}

/** The database could not be reached or answered an error. Rendered as 503. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A 3dEye user as far as diagnostics cares. */
export interface ThreedeyeUser {
  id: string;
  email: string | null;
}

/**
 * One page of the customer's listing, handed over in listing order (page 1 first, whatever order
 * the concurrent requests answered in), already cut at the scan cap.
 */
export interface ListingPage {
  users: readonly ThreedeyeUser[];
  /** The customer's user count as 3dEye states it on the first page; null when it does not. */
  total: number | null;
}

/** How a listing of the customer's users ended. */
export interface ListingSummary {
  /** Total users in the customer as 3dEye reports it (or as counted when it does not). */
  total: number;
  /** False when the scan stopped at the configured cap before the end. */
  complete: boolean;
}

/** How long a caller of the {@linkcode ThreedeyeDirectory} waits, and its way out. */
export interface ProbeOptions {
  /** Ends this caller's wait, e.g. when its HTTP client disconnects. */
  signal?: AbortSignal;
  /**
   * When the caller's probe must be over (ms since the epoch, `Date.now()` clock): no call starts
   * after it and none runs past it. Default: `probeDeadlineMs` from the call.
   */
  deadline?: number;
}

/** The live 3dEye API, customer-scoped. Methods reject with {@linkcode ThreedeyeError}. */
export interface ThreedeyeDirectory {
  /** The configured customer id (echoed in the report). */
  readonly customerId: string | null;
  /** How long one report's probe may take, token, pages and lookups included (ms). */
  readonly probeDeadlineMs: number;
  /**
   * Lists the customer's users ONCE (paged, pages after the first concurrently, capped), handing
   * each page to `onPage` in listing order as soon as the pages before it are in. Every call is
   * its own scan: sharing one between lookups is the listing cache's job.
   */
  listCustomerUsers(
    onPage: (page: ListingPage) => void,
    options?: ProbeOptions,
  ): Promise<ListingSummary>;
  /** One user by id; null when 3dEye says 404. */
  getUser(id: string, options?: ProbeOptions): Promise<ThreedeyeUser | null>;
}

/**
 * A 3dEye call failed. `message` is safe to show to an admin (no secrets, no tokens) and ends up
 * in `remote.error`, e.g. "3dEye timed out after 3000 ms (GET /users)".
 */
export class ThreedeyeError extends Error {
  override name = "ThreedeyeError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
