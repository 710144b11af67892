/**
 * The parts of `wrangler.jsonc` a Worker needs when it runs in workerd WITHOUT wrangler (through
 * the Miniflare API): its compatibility date, its vars, its D1 binding's database id and its Durable
 * Object bindings. Read from
 * the same file `wrangler deploy` reads, so the two cannot drift.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { WORKER_DIR } from "./node_modules_path.ts";

/** What Miniflare must be told that wrangler would have read from `wrangler.jsonc`. */
export interface WorkerRuntimeConfig {
  compatibilityDate: string;
  /** The config's `vars` (non-secret settings), typed as written (wrangler passes `3` as 3). */
  vars: Record<string, unknown>;
  /** D1 binding name → database id (wrangler names the local database file after the id). */
  d1Databases: Record<string, string>;
  /** Durable Object binding name → its class, SQLite-backed when a migration says so. */
  durableObjects: Record<string, { className: string; useSQLite: boolean }>;
}

/**
 * Parses the text of a `wrangler.jsonc`: whole-line `//` comments are dropped (the file's only
 * comment style), then it is JSON.
 *
 * @example
 * ```ts
 * import { parseWranglerConfig } from "./wrangler_config.ts";
 * const config = parseWranglerConfig(`// a comment
 * { "compatibility_date": "2026-04-01", "vars": { "A": "1" },
 *   "d1_databases": [{ "binding": "DB", "database_id": "id-1" }] }`);
 * if (config.d1Databases.DB !== "id-1") throw new Error("wrong id");
 * ```
 *
 * @throws {Error} When the text is not JSON once its comment lines are gone, or lacks a date.
 */
export function parseWranglerConfig(text: string): WorkerRuntimeConfig {
  const json = stripCommentLines(text);
  let raw: {
    compatibility_date?: unknown;
    vars?: Record<string, unknown>;
    d1_databases?: Array<{ binding: string; database_id: string; preview_database_id?: string }>;
    durable_objects?: { bindings?: Array<{ name: string; class_name: string }> };
    migrations?: Array<{ new_sqlite_classes?: string[] }>;
  };
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`Reading wrangler.jsonc failed: ${(error as Error).message}`);
  }
  if (typeof raw.compatibility_date !== "string") {
    throw new Error("Reading wrangler.jsonc failed: it has no compatibility_date.");
  }
  const sqliteClasses = new Set((raw.migrations ?? []).flatMap((m) => m.new_sqlite_classes ?? []));
  return {
    compatibilityDate: raw.compatibility_date,
    vars: { ...raw.vars },
    // wrangler dev uses the preview id when there is one; so does its local persistence.
    d1Databases: Object.fromEntries(
      (raw.d1_databases ?? []).map((d) => [d.binding, d.preview_database_id ?? d.database_id]),
    ),
    durableObjects: Object.fromEntries(
      (raw.durable_objects?.bindings ?? []).map((b) => [
        b.name,
        { className: b.class_name, useSQLite: sqliteClasses.has(b.class_name) },
      ]),
    ),
  };
}

/**
 * The text of a `wrangler.jsonc` for a test run from another folder: the member's own config
 * with `vars` merged in as given (typed: `3` stays a JSON number, as an operator may write it)
 * and every relative path made absolute. `wrangler dev --var` can only pass text, so this is
 * how a test gives the Worker a number or an object the way wrangler.jsonc would.
 *
 * @param text The member's `wrangler.jsonc`.
 * @param workerDir The folder its relative paths are relative to.
 * @param vars Vars to add or replace.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { wranglerConfigWithVars } from "./wrangler_config.ts";
 * const text = wranglerConfigWithVars(
 *   `{ "main": "src/index.ts", "compatibility_date": "2026-04-01", "vars": { "A": "x" } }`,
 *   "/srv/worker",
 *   { LIMIT: 3 },
 * );
 * assertEquals(JSON.parse(text).main, "/srv/worker/src/index.ts");
 * assertEquals(JSON.parse(text).vars, { A: "x", LIMIT: 3 });
 * ```
 */
export function wranglerConfigWithVars(
  text: string,
  workerDir: string,
  vars: Readonly<Record<string, unknown>>,
): string {
  parseWranglerConfig(text);
  const raw = JSON.parse(stripCommentLines(text));
  const absolute = (path: string) => resolve(workerDir, path);
  delete raw.$schema;
  if (typeof raw.main === "string") raw.main = absolute(raw.main);
  if (typeof raw.assets?.directory === "string") {
    raw.assets.directory = absolute(raw.assets.directory);
  }
  for (const database of raw.d1_databases ?? []) {
    if (typeof database.migrations_dir === "string") {
      database.migrations_dir = absolute(database.migrations_dir);
    }
  }
  for (const [from, to] of Object.entries(raw.alias ?? {})) {
    raw.alias[from] = absolute(to as string);
  }
  raw.vars = { ...raw.vars, ...vars };
  return JSON.stringify(raw, null, 2);
}

/** Reads the Worker member's own `wrangler.jsonc`. */
export async function readWranglerConfig(): Promise<WorkerRuntimeConfig> {
  return parseWranglerConfig(await Deno.readTextFile(join(WORKER_DIR, "wrangler.jsonc")));
}

function stripCommentLines(text: string): string {
  return text.split("\n").filter((line) => !line.trimStart().startsWith("//")).join("\n");
}
