/**
 * Applies the SQL migrations in `packages/api/migrations/` to a local SQLite file, the way
 * `wrangler d1 migrations apply` does for D1: files ending in `.sql`, in file-name order, each
 * recorded by name in a `d1_migrations` table of wrangler's exact shape, so a file prepared by
 * either tool is understood by the other.
 *
 * @module
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseSync } from "node:sqlite";

/** The repository's migrations folder (`packages/api/migrations/`). */
export const MIGRATIONS_DIR: URL = new URL("../../migrations/", import.meta.url);

/** The table wrangler keeps its applied migrations in; created with the same columns. */
export const MIGRATIONS_TABLE_SQL = "CREATE TABLE IF NOT EXISTS d1_migrations(\n" +
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n" +
  "  name TEXT UNIQUE,\n" +
  "  applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n" +
  ")";

/** One migration file. */
export interface Migration {
  /** The file name, e.g. `0001_initial.sql` (what `d1_migrations.name` records). */
  name: string;
  sql: string;
}

/** Options for {@linkcode migrateSqlite}. */
export interface MigrateOptions {
  /** Where the `.sql` files are; defaults to {@linkcode MIGRATIONS_DIR}. */
  migrationsDir?: string | URL;
}

/**
 * Reads the migration files in name order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readMigrations } from "./migrate_sqlite.ts";
 * assertEquals(readMigrations()[0].name, "0001_initial.sql");
 * ```
 */
export function readMigrations(dir: string | URL = MIGRATIONS_DIR): Migration[] {
  const folder = dir instanceof URL ? fileURLToPath(dir) : dir;
  return readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(folder, name), "utf8") }));
}

/**
 * Creates `path` (and its folder) when missing and applies the pending migrations, each in its
 * own transaction together with its `d1_migrations` row. Uses its own read-write connection and
 * closes it before returning.
 *
 * @param path The SQLite file.
 * @returns The names applied by this call (empty when already up to date).
 * @throws {Error} Naming the migration that failed; earlier ones stay applied.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { migrateSqlite } from "./migrate_sqlite.ts";
 * const dir = Deno.makeTempDirSync();
 * const { applied } = migrateSqlite(`${dir}/example.sqlite`);
 * assert(applied.includes("0001_initial.sql"));
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function migrateSqlite(path: string, options: MigrateOptions = {}): { applied: string[] } {
  const migrations = readMigrations(options.migrationsDir);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  try {
    db.exec(MIGRATIONS_TABLE_SQL);
    const done = new Set(
      db.prepare("SELECT name FROM d1_migrations").all().map((row) => String(row.name)),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      db.exec("BEGIN");
      try {
        db.exec(migration.sql);
        db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").run(migration.name);
        db.exec("COMMIT");
      } catch (cause) {
        db.exec("ROLLBACK");
        throw new Error(`Applying migration ${migration.name} failed`, { cause });
      }
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    db.close();
  }
}
