/**
 * Picks where the Deno entry counts failed admin auth attempts: Deno KV, shared by every process
 * that opens the same database, else this process's memory.
 *
 * - `DENO_KV_PATH` set: that file (created with its folder when missing).
 * - The embedded SQLite database (local default): `auth_failures.kv` beside its file, so the
 *   count lives with the data (`./.data/` by default) and every local process shares it.
 * - D1 over HTTP (Deno Deploy): `Deno.openKv()` with no path, the platform's own database.
 *
 * When KV cannot be opened (no `--unstable-kv`, an unwritable path, no KV on the platform), one
 * warning line names the error class and the app falls back to memory; the app's start-up line
 * `{"msg":"auth failure limiter","kind":…}` says which one is in use.
 *
 * @module
 */
import type { AppConfig, FailureTally } from "@spkey/api";
import { createDenoKvFailureTally } from "@spkey/api/deno-kv";
import { DEFAULT_DATABASE_PATH } from "./database.ts";

/** The KV file of the failure count beside the embedded database. */
export const FAILURE_KV_FILE = "auth_failures.kv";

/** Where failures are counted; `tally` null means memory. */
export interface FailureStore {
  tally: FailureTally | null;
  /** Closes the KV database, if one was opened. */
  close(): void;
}

/**
 * The KV path `config` selects: undefined for the platform's default database.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { failureKvPath } from "./failure_store.ts";
 * const local = { denoKvPath: null, d1Http: null, databasePath: "./.data/spkey.sqlite" };
 * assertEquals(failureKvPath(local), "./.data/auth_failures.kv");
 * ```
 */
export function failureKvPath(
  config: Pick<AppConfig, "denoKvPath" | "d1Http" | "databasePath">,
): string | undefined {
  if (config.denoKvPath !== null) return config.denoKvPath;
  if (config.d1Http !== null) return undefined;
  const database = config.databasePath ?? DEFAULT_DATABASE_PATH;
  return database.slice(0, lastSeparator(database) + 1) + FAILURE_KV_FILE;
}

/** Opens the failure store for `config`; never throws (memory is the fallback). */
export async function openFailureStore(
  config: Pick<AppConfig, "denoKvPath" | "d1Http" | "databasePath" | "authFailureLimit">,
  options: { warn?: (line: Record<string, unknown>) => void } = {},
): Promise<FailureStore> {
  const warn = options.warn ?? ((line) => console.log(JSON.stringify(line)));
  const path = failureKvPath(config);
  let kv: Deno.Kv;
  try {
    // The folder part (none for a bare file name or a file at the root).
    const folder = path?.slice(0, Math.max(0, lastSeparator(path)));
    if (folder) await Deno.mkdir(folder, { recursive: true });
    kv = await Deno.openKv(path);
  } catch (error) {
    // The class only: a message could carry the path or the platform's details.
    warn({
      level: "warn",
      msg: "deno kv unavailable",
      error: (error as Error)?.name ?? "Error",
    });
    return { tally: null, close() {} };
  }
  return {
    tally: createDenoKvFailureTally(kv, { windowMs: config.authFailureLimit.windowMs }),
    close: () => kv.close(),
  };
}

/** The index of a path's last separator (-1: none), without `node:path`, whose polyfill would
 * cost every cold start (see test/startup_graph_test.ts). */
function lastSeparator(path: string): number {
  return Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
}
