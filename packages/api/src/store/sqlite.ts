/**
 * `@spkey/api/sqlite`: the local-SQLite pieces for Deno (and Node 22+), kept out of the main entry
 * because Workers have no `node:sqlite`: the read-only executor the app serves from and the
 * migrator that prepares the file.
 *
 * @module
 */
export {
  createSqliteExecutor,
  type SqliteExecutor,
  type SqliteExecutorOptions,
} from "./sqlite_executor.ts";
export {
  type MigrateOptions,
  migrateSqlite,
  type Migration,
  MIGRATIONS_DIR,
  MIGRATIONS_TABLE_SQL,
  readMigrations,
} from "./migrate_sqlite.ts";
