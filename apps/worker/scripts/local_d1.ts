/**
 * Prepares the Worker's local D1 (`DB`, SQLite inside workerd's persistence folder) with wrangler
 * itself: the same `d1 migrations apply` an operator runs against the real database.
 *
 * @module
 */
import { join } from "node:path";
import { runWrangler } from "./wrangler_cli.ts";

/** Applies `packages/api/migrations` to the local D1 persisted under `persistTo`. */
export async function migrateLocalD1(persistTo: string): Promise<void> {
  await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
}

/**
 * Executes `sql` (e.g. the demo seed) against the local D1 persisted under `persistTo`. The SQL is
 * written to a file beside the database first because `--command` cannot carry a whole script.
 */
export async function executeOnLocalD1(
  persistTo: string,
  sql: string,
  name = "seed.sql",
): Promise<void> {
  const file = join(persistTo, name);
  await Deno.mkdir(persistTo, { recursive: true });
  await Deno.writeTextFile(file, sql);
  await runWrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file]);
}
