/**
 * The read-only {@linkcode DiagnosticsStore} over any {@linkcode SqlExecutor}: the three snapshot
 * reads go out as ONE batch (one D1 round trip), the user search by email is one statement in one
 * batch, and `ping` is one trivial batch.
 *
 * @module
 */
import {
  type DiagnosticsStore,
  type SqlExecutor,
  type SqlRow,
  StoreUnavailableError,
  type UserSearchResult,
  type UserSnapshot,
} from "../domain.ts";
import {
  toMappingRecord,
  toRecoveryRecord,
  toUserCandidateRecord,
  toUserRecord,
} from "./records.ts";
import { PING, usersByEmailStatement, userSnapshotStatements } from "./statements.ts";

/**
 * Creates the diagnostics store over `executor`.
 *
 * @param executor Runs the store's statements (D1 binding, D1 over HTTP or SQLite).
 * @returns The store; its methods reject with {@linkcode StoreUnavailableError}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createDiagnosticsStore } from "./diagnostics_store.ts";
 * const executor = { batch: () => Promise.resolve([[{ id: "u1", email: null }], [], []]) };
 * const snapshot = await createDiagnosticsStore(executor).readUserSnapshot("u1");
 * assertEquals(snapshot, { user: { id: "u1", email: null }, mapping: null, recovery: null });
 * ```
 */
export function createDiagnosticsStore(executor: SqlExecutor): DiagnosticsStore {
  return {
    async readUserSnapshot(userId: string): Promise<UserSnapshot> {
      const results = await run(executor, userSnapshotStatements(userId));
      if (results.length !== 3) {
        throw new StoreUnavailableError("Reading the user snapshot failed: unexpected answer");
      }
      const [users, mappings, recoveries] = results;
      return {
        user: first(users, toUserRecord),
        mapping: first(mappings, toMappingRecord),
        recovery: first(recoveries, toRecoveryRecord),
      };
    },
    async findUsersByEmail(email: string, limit: number): Promise<UserSearchResult> {
      const statement = usersByEmailStatement(email, limit);
      const results = await run(executor, [statement]);
      if (results.length !== 1) {
        throw new StoreUnavailableError("Searching users by email failed: unexpected answer");
      }
      const [rows] = results;
      return {
        candidates: rows.slice(0, limit).map(toUserCandidateRecord),
        truncated: rows.length > limit,
      };
    },
    async ping(): Promise<void> {
      await run(executor, [{ sql: PING, params: [] }]);
    },
  };
}

async function run(
  executor: SqlExecutor,
  statements: Parameters<SqlExecutor["batch"]>[0],
): Promise<SqlRow[][]> {
  try {
    return await executor.batch(statements);
  } catch (error) {
    // Executors already throw StoreUnavailableError; anything else is wrapped so the API can
    // still answer 503 without leaking a driver's message.
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError("Reading from the database failed", { cause: error });
  }
}

function first<T>(rows: SqlRow[] | undefined, toRecord: (row: SqlRow) => T): T | null {
  const row = rows?.[0];
  return row === undefined ? null : toRecord(row);
}
