/**
 * Writes the demo dataset into a migrated database: as SQL text (for `wrangler d1 execute --local
 * --file`) and straight into a local SQLite file. Both use the same text, so the two paths cannot
 * drift apart.
 *
 * Upserts (`INSERT … ON CONFLICT DO UPDATE`) rather than `INSERT OR REPLACE`: REPLACE deletes the
 * old `b2c_users` row first, which trips the `threedeye_users` foreign key on D1 (foreign keys are
 * enforced there). Re-seeding is therefore idempotent on both.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { type DemoDatabase, demoDatabase } from "./demo_data.ts";

type Value = string | null;

function literal(value: Value): string {
  return value === null ? "NULL" : `'${value.replaceAll("'", "''")}'`;
}

function upsert(table: string, key: string, rows: ReadonlyArray<Record<string, Value>>): string[] {
  return rows.map((row) => {
    const columns = Object.keys(row);
    const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
    return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${
      columns.map((c) => literal(row[c])).join(", ")
    }) ON CONFLICT(${key}) DO UPDATE SET ${updates.join(", ")};`;
  });
}

/**
 * The demo rows as SQL statements (one per line, no transaction statements: D1 rejects them).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { demoSeedSql } from "@spkey/testkit";
 * assertStringIncludes(demoSeedSql(), "alice@example.com");
 * ```
 */
export function demoSeedSql(data: DemoDatabase = demoDatabase): string {
  const toRows = <T extends object>(rows: readonly T[]) =>
    rows as unknown as ReadonlyArray<Record<string, Value>>;
  return [
    "-- Demo dataset (see packages/testkit/src/demo_data.ts). Safe to apply repeatedly.",
    ...upsert("b2c_users", "id", toRows(data.b2c_users)),
    ...upsert("threedeye_users", "user_id", toRows(data.threedeye_users)),
    ...upsert("threedeye_recovery", "user_id", toRows(data.threedeye_recovery)),
    "",
  ].join("\n");
}

/**
 * Seeds a migrated SQLite file with the demo rows in one transaction (idempotent).
 *
 * @param path A SQLite file whose schema is already migrated.
 * @throws {Error} When the file is not migrated or cannot be written.
 */
export function seedDemoData(path: string, data: DemoDatabase = demoDatabase): void {
  const db = new DatabaseSync(path);
  try {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("BEGIN");
    try {
      db.exec(demoSeedSql(data));
      db.exec("COMMIT");
    } catch (cause) {
      db.exec("ROLLBACK");
      throw new Error("Seeding the demo data failed", { cause });
    }
  } finally {
    db.close();
  }
}
