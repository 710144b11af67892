/**
 * The store's SQL, written once for every executor (D1 binding, D1 over HTTP, local SQLite):
 * SQLite/D1 dialect with positional `?` parameters only, because D1 binds nothing else portably.
 *
 * The mapping read computes `has_password` inside the database so the password value never
 * leaves it: no statement here selects the `password` column.
 *
 * @module
 */
import type { SqlStatement } from "../ports.ts";

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
 * import { userSnapshotStatements } from "./statements.ts";
 * const [user] = userSnapshotStatements("11111111-1111-4111-8111-111111111111");
 * console.assert(user.params[0] === "11111111-1111-4111-8111-111111111111");
 * ```
 */
export function userSnapshotStatements(userId: string): SqlStatement[] {
  return [
    { sql: SELECT_USER, params: [userId] },
    { sql: SELECT_MAPPING, params: [userId] },
    { sql: SELECT_RECOVERY, params: [userId] },
  ];
}
