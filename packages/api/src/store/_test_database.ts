/**
 * Test helper: a temporary SQLite file, migrated, optionally seeded with the demo dataset.
 *
 * @module
 */
import { seedDemoData } from "@spkey/testkit";
import { migrateSqlite } from "./migrate_sqlite.ts";

/** A temporary database file; `remove()` deletes its folder. */
export interface TestDatabase {
  path: string;
  remove(): void;
}

/** Creates, migrates and (unless `seed` is false) seeds a temporary SQLite file. */
export function createTestDatabase({ seed = true } = {}): TestDatabase {
  const dir = Deno.makeTempDirSync({ prefix: "spkey-store-test-" });
  const path = `${dir}/test.sqlite`;
  migrateSqlite(path);
  if (seed) seedDemoData(path);
  return { path, remove: () => Deno.removeSync(dir, { recursive: true }) };
}
