/**
 * The {@linkcode SqlExecutor} over a local SQLite file through `node:sqlite` (built into Deno and
 * Node 22+). The serving app opens the file READ-ONLY (the default), so even a statement that
 * tries to write fails inside SQLite itself; setup code opens a separate read-write connection.
 *
 * A batch runs synchronously inside one read transaction, so the three snapshot reads see one
 * consistent state even while another process writes the file.
 *
 * Not part of the runtime-neutral `@spkey/api` entry (Workers have no `node:sqlite`): import it
 * from `@spkey/api/sqlite`, or alone from `@spkey/api/sqlite/executor`, which a serving process
 * uses because it leaves out the migrator and the `node:fs` polyfills it loads (about 14 ms of a
 * Deno cold start here).
 *
 * @module
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import {
  type SqlExecutor,
  type SqlRow,
  type SqlStatement,
  StoreUnavailableError,
} from "../domain.ts";

/** Options for {@linkcode createSqliteExecutor}. */
export interface SqliteExecutorOptions {
  /** Open with SQLITE_OPEN_READONLY (default true). Only setup code should pass false. */
  readOnly?: boolean;
}

/** A SQLite executor that owns its connection. */
export interface SqliteExecutor extends SqlExecutor {
  /** Closes the connection; later batches reject with StoreUnavailableError. */
  close(): void;
}

/**
 * Opens `path` and returns an executor over it.
 *
 * @param path The SQLite file (must exist when read-only).
 * @param options `readOnly` defaults to true.
 * @returns The executor; failures reject with {@linkcode StoreUnavailableError}.
 * @throws {StoreUnavailableError} When the file cannot be opened.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createSqliteExecutor } from "./sqlite_executor.ts";
 * const executor = createSqliteExecutor(":memory:", { readOnly: false });
 * const [[row]] = await executor.batch([{ sql: "SELECT ? AS echo", params: ["hi"] }]);
 * assertEquals(row.echo, "hi");
 * executor.close();
 * ```
 */
export function createSqliteExecutor(
  path: string,
  { readOnly = true }: SqliteExecutorOptions = {},
): SqliteExecutor {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly });
    // Wait briefly instead of failing at once when a writer (migration, seeding) holds the lock.
    db.exec("PRAGMA busy_timeout = 1000");
  } catch (cause) {
    throw new StoreUnavailableError("Opening the SQLite database failed", { cause });
  }
  // Prepared once per SQL text: the store issues the same few statements on every request.
  const prepared = new Map<string, StatementSync>();
  let open = true;

  function statementFor(sql: string): StatementSync {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  }

  function runAll(statements: ReadonlyArray<SqlStatement>): SqlRow[][] {
    db.exec("BEGIN");
    try {
      const results = statements.map(({ sql, params }) => {
        const statement = statementFor(sql);
        if (statement.columns().length === 0) {
          statement.run(...params);
          return [];
        }
        // node:sqlite rows have a null prototype; plain objects compare and serialise as expected.
        return statement.all(...params).map((row) => ({ ...row }) as SqlRow);
      });
      db.exec("COMMIT");
      return results;
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  return {
    batch(statements: ReadonlyArray<SqlStatement>): Promise<SqlRow[][]> {
      if (!open) {
        return Promise.reject(new StoreUnavailableError("The SQLite database is closed"));
      }
      if (statements.length === 0) return Promise.resolve([]);
      try {
        return Promise.resolve(runAll(statements));
      } catch (cause) {
        return Promise.reject(
          new StoreUnavailableError("Querying the SQLite database failed", { cause }),
        );
      }
    },
    close() {
      if (!open) return;
      open = false;
      prepared.clear();
      db.close();
    },
  };
}
