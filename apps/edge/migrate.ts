/**
 * `deno task migrate` (from apps/edge): applies the pending SQL migrations of
 * `packages/api/migrations` to the embedded SQLite file at `DATABASE_PATH` (default
 * `./.data/spkey.sqlite`), creating the file when missing, and prints one line saying what it
 * applied. The service itself opens an existing file read-only and never migrates it, so this is
 * how an existing file gets a later migration (such as 0002, the index of the search by email).
 * D1 gets the same files from `wrangler d1 migrations apply`.
 *
 * @module
 */
import { migrateSqlite } from "@spkey/api/sqlite";
import { DEFAULT_DATABASE_PATH } from "./src/database.ts";

const path = Deno.env.get("DATABASE_PATH")?.trim() || DEFAULT_DATABASE_PATH;
try {
  const { applied } = migrateSqlite(path);
  console.log(
    applied.length === 0 ? `${path}: up to date` : `${path}: applied ${applied.join(", ")}`,
  );
} catch (error) {
  // migrateSqlite names the failing file; SQLite's own reason follows on the cause.
  const reason = (error as Error).cause instanceof Error ? `: ${(error as Error).cause}` : "";
  console.error(`error: ${(error as Error).message}${reason}`.split("\n")[0]);
  Deno.exit(1);
}
