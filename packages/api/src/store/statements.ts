/**
 * The store's SQL, written once for every executor (D1 binding, D1 over HTTP, local SQLite):
 * SQLite/D1 dialect with positional `?` parameters only, because D1 binds nothing else portably.
 *
 * The mapping read computes `has_password` inside the database so the password value never
 * leaves it: no statement here selects the `password` column.
 *
 * Every bound parameter is a string: D1's HTTP query API documents `params` as strings. The one
 * number a statement needs (the search's row limit) is an integer checked here and written into
 * the SQL text.
 *
 * @module
 */
import type { SqlStatement } from "../domain.ts";

/** Reads the `b2c_users` row: columns `id`, `email`. */
export const SELECT_USER = "SELECT id, email FROM b2c_users WHERE id = ?";

/** Reads the mapping row: columns `threedeye_user_id`, `has_password` (0/1), `created_at`. */
export const SELECT_MAPPING = "SELECT threedeye_user_id, " +
  "(password IS NOT NULL AND password <> '') AS has_password, created_at " +
  "FROM threedeye_users WHERE user_id = ?";

/** Reads the recovery row: column `role_ids` (JSON array text). */
export const SELECT_RECOVERY = "SELECT role_ids FROM threedeye_recovery WHERE user_id = ?";

/**
 * Proves the database answers AND holds the schema the snapshot reads: it fails on a database
 * whose migrations were never applied, so `/readyz` catches a deploy that forgot them.
 */
export const PING = "SELECT 1 AS ok, " +
  "(SELECT 1 FROM b2c_users LIMIT 1) AS users, " +
  "(SELECT 1 FROM threedeye_users LIMIT 1) AS mappings, " +
  "(SELECT 1 FROM threedeye_recovery LIMIT 1) AS recovery";

/**
 * The three snapshot reads for one user, in the order the store expects their results:
 * user, mapping, recovery.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { userSnapshotStatements } from "./statements.ts";
 * const [user] = userSnapshotStatements("11111111-1111-4111-8111-111111111111");
 * assertEquals(user.params, ["11111111-1111-4111-8111-111111111111"]);
 * ```
 */
export function userSnapshotStatements(userId: string): SqlStatement[] {
  return [
    { sql: SELECT_USER, params: [userId] },
    { sql: SELECT_MAPPING, params: [userId] },
    { sql: SELECT_RECOVERY, params: [userId] },
  ];
}

/** The largest `limit` {@linkcode usersByEmailStatement} takes: a bound on one answer's size. */
export const MAX_USER_SEARCH_LIMIT = 1000;

/**
 * The user search by email as ONE statement: `b2c_users` joined with `threedeye_users` (a user
 * has at most one mapping row: `user_id` is its key), so mapping existence is computed in SQL
 * and no mapping column but its key is read. Columns: `id`, `email`, `created_at`,
 * `has_threedeye_mapping` (0/1).
 *
 * `email = ? COLLATE NOCASE` folds ASCII letters only; it is written so that the
 * `b2c_users_email_nocase` index (migration 0002, same collation) can serve it. Rows come ordered
 * by the stored `created_at` text, then `id` (deterministic; oldest first for ISO timestamps),
 * and one row beyond `limit` is asked for so that the caller can tell a cut answer from a
 * complete one.
 *
 * @param email The address to match (trimmed by the caller).
 * @param limit The most candidates wanted, 1 to {@linkcode MAX_USER_SEARCH_LIMIT}.
 * @returns The statement; it selects at most `limit + 1` rows.
 * @throws {RangeError} When `limit` is not an integer in range.
 *
 * @example
 * ```ts
 * import { assertEquals, assertStringIncludes } from "@std/assert";
 * import { usersByEmailStatement } from "./statements.ts";
 * const statement = usersByEmailStatement("Bob@Example.com", 20);
 * assertEquals(statement.params, ["Bob@Example.com"]);
 * assertStringIncludes(statement.sql, "LIMIT 21");
 * ```
 */
export function usersByEmailStatement(email: string, limit: number): SqlStatement {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_USER_SEARCH_LIMIT) {
    throw new RangeError(
      `Searching users by email needs a limit from 1 to ${MAX_USER_SEARCH_LIMIT}, got ${limit}`,
    );
  }
  return {
    sql: "SELECT u.id, u.email, u.created_at, " +
      "(m.user_id IS NOT NULL) AS has_threedeye_mapping " +
      "FROM b2c_users u LEFT JOIN threedeye_users m ON m.user_id = u.id " +
      "WHERE u.email = ? COLLATE NOCASE " +
      `ORDER BY u.created_at, u.id LIMIT ${limit + 1}`,
    params: [email],
  };
}
