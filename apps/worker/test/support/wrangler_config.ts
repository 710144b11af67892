/**
 * The parts of `wrangler.jsonc` a Worker needs when it runs in workerd WITHOUT wrangler (through
 * the Miniflare API): its compatibility date, its vars, its D1 binding's database id, its Durable
 * Object bindings and its static-assets binding. Read from the same file `wrangler deploy` reads,
 * so the two cannot drift.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { WORKER_DIR } from "../../scripts/node_modules_path.ts";

/** What Miniflare must be told that wrangler would have read from `wrangler.jsonc`. */
export interface WorkerRuntimeConfig {
  compatibilityDate: string;
  /** The config's `vars` (non-secret settings), typed as written (wrangler passes `3` as 3). */
  vars: Record<string, unknown>;
  /** D1 binding name → database id (wrangler names the local database file after the id). */
  d1Databases: Record<string, string>;
  /** Durable Object binding name → its class, SQLite-backed when a migration says so. */
  durableObjects: Record<string, { className: string; useSQLite: boolean }>;
  /** The static-assets binding and its folder (absolute), when the config has one. */
  assets: { binding: string; directory: string } | null;
}

/**
 * Parses the text of a `wrangler.jsonc`: whole-line `//` comments are dropped (the file's only
 * comment style), then it is JSON. Relative paths are resolved against `workerDir`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseWranglerConfig } from "./wrangler_config.ts";
 * const config = parseWranglerConfig(`// a comment
 * { "compatibility_date": "2026-04-01", "vars": { "A": "1" },
 *   "assets": { "directory": "../widget/dist", "binding": "ASSETS" },
 *   "d1_databases": [{ "binding": "DB", "database_id": "id-1" }] }`, "/srv/worker");
 * assertEquals(config.d1Databases.DB, "id-1");
 * assertEquals(config.assets, { binding: "ASSETS", directory: "/srv/widget/dist" });
 * ```
 *
 * @throws {Error} When the text is not JSON once its comment lines are gone, or lacks a date.
 */
export function parseWranglerConfig(
  text: string,
  workerDir: string = WORKER_DIR,
): WorkerRuntimeConfig {
  const json = stripCommentLines(text);
  let raw: {
    compatibility_date?: unknown;
    vars?: Record<string, unknown>;
    d1_databases?: Array<{ binding: string; database_id: string; preview_database_id?: string }>;
    durable_objects?: { bindings?: Array<{ name: string; class_name: string }> };
    migrations?: Array<{ new_sqlite_classes?: string[] }>;
    assets?: { directory?: string; binding?: string };
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
    assets: raw.assets?.directory !== undefined && raw.assets.binding !== undefined
      ? { binding: raw.assets.binding, directory: resolve(workerDir, raw.assets.directory) }
      : null,
  };
}

/** Reads the Worker member's own `wrangler.jsonc`. */
export async function readWranglerConfig(): Promise<WorkerRuntimeConfig> {
  return parseWranglerConfig(await Deno.readTextFile(join(WORKER_DIR, "wrangler.jsonc")));
}

function stripCommentLines(text: string): string {
  return text.split("\n").filter((line) => !line.trimStart().startsWith("//")).join("\n");
}
