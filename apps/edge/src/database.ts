/**
 * Picks the Deno entry's database: Cloudflare D1 over its HTTP API when `D1_ACCOUNT_ID`,
 * `D1_DATABASE_ID` and `D1_API_TOKEN` are set (Deno Deploy), otherwise the embedded SQLite file at
 * `DATABASE_PATH` (default `./.data/spkey.sqlite`). A missing SQLite file is created and migrated
 * (schema only, no demo rows) through a separate read-write connection that is closed before the
 * app opens the file READ-ONLY. An existing file is never written to.
 *
 * The migrator is imported only when a file has to be created: it reads the migrations through
 * `node:fs`, whose polyfills cost a cold start about 14 ms here.
 *
 * @module
 */
import type { AppConfig, SqlExecutor } from "@spkey/api";
import type { Tracer } from "@spkey/contracts/upstream";
import { createD1HttpExecutor } from "@spkey/api";
import { createSqliteExecutor } from "@spkey/api/sqlite/executor";

/** Where the embedded database lives when `DATABASE_PATH` is not set (git-ignored). */
export const DEFAULT_DATABASE_PATH = "./.data/spkey.sqlite";

/** The database the app serves from. */
export type OpenDatabase =
  | { kind: "d1-http"; executor: SqlExecutor; close(): void }
  | {
    kind: "sqlite";
    /** The file, as configured. */
    path: string;
    /** True when this call created and migrated the file. */
    created: boolean;
    executor: SqlExecutor;
    close(): void;
  };

/**
 * Opens the database `config` selects. With `tracer`, each D1 HTTP call is a span `D1 query`.
 *
 * @throws {StoreUnavailableError} When the SQLite file cannot be opened.
 * @throws {Error} When creating or migrating a new SQLite file fails.
 */
export async function openDatabase(
  config: Pick<AppConfig, "d1Http" | "databasePath">,
  options: { fetch?: typeof fetch; tracer?: Tracer } = {},
): Promise<OpenDatabase> {
  if (config.d1Http !== null) {
    const { apiBase, accountId, databaseId, apiToken } = config.d1Http;
    const executor = createD1HttpExecutor({
      baseUrl: apiBase,
      accountId,
      databaseId,
      apiToken,
      fetch: options.fetch,
      tracer: options.tracer,
    });
    return { kind: "d1-http", executor, close() {} };
  }
  const path = config.databasePath ?? DEFAULT_DATABASE_PATH;
  const created = !exists(path);
  if (created) {
    const { migrateSqlite } = await import("@spkey/api/sqlite");
    migrateSqlite(path);
  }
  const executor = createSqliteExecutor(path, { readOnly: true });
  return { kind: "sqlite", path, created, executor, close: () => executor.close() };
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
