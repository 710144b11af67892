/**
 * Serves a BUILT Worker bundle (what `wrangler deploy` uploads, see `scripts/bundle_worker.ts`) in
 * real workerd through the Miniflare API: the one local runner of the tests and the benchmarks
 * (`wrangler dev` is for `deno task dev` only). No dev proxy in Node between client and workerd,
 * no log relay: clients talk to the Worker's own socket in workerd on 127.0.0.1 (a Miniflare
 * "direct socket": not through Miniflare's router Worker either, so requests carry no `request.cf`
 * and no `CF-Connecting-IP`). Every binding comes from `wrangler.jsonc`: the D1 binding `DB` reads
 * the same local database `wrangler d1 … --local --persist-to <dir>` prepared (wrangler keeps it
 * under `<dir>/v3/d1`), the Durable Objects (the auth failure counters) persist beside it, ASSETS
 * serves the built widget, and the vars are given typed as that file holds them, with the
 * settings (vars and secrets, as text) on top.
 *
 * The Worker's log lines (one JSON line per request) arrive on workerd's stdout; they are only
 * appended to a list of chunks here and parsed when asked for, so they never slow the Worker.
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { type Json, Miniflare } from "miniflare";
import { jsonLines, type RunningWorker, waitForJsonLog } from "./worker_logs.ts";
import { readWranglerConfig } from "./wrangler_config.ts";

/** Where, under wrangler's `--persist-to <dir>`, the local D1 databases live. */
export function wranglerD1PersistPath(persistTo: string): string {
  return join(persistTo, "v3", "d1");
}

/** Options of {@linkcode startMiniflareWorker}. */
export interface MiniflareWorkerOptions {
  /** The `--persist-to` folder wrangler migrated and seeded the local D1 in. */
  persistTo: string;
  /** String settings (vars and secrets), added to wrangler.jsonc's vars. */
  settings: Record<string, string>;
  /**
   * Vars added to wrangler.jsonc's, typed as that file would hold them (a number stays a JSON
   * number, as an operator may write it); `settings` win over them.
   */
  vars?: Record<string, unknown>;
  /**
   * The module bundle to serve, built from the current source (`bundleWorker`): never a
   * `dist/` of unknown age.
   */
  scriptPath: string;
  /** Loopback port; default 0 (a free one). */
  port?: number;
}

/** A Worker served by workerd through Miniflare. */
export type MiniflareWorker = RunningWorker;

/**
 * Starts workerd with the built Worker and resolves once its socket listens.
 *
 * @throws {Error} When the bundle is missing or workerd does not start.
 */
export async function startMiniflareWorker(
  options: MiniflareWorkerOptions,
): Promise<MiniflareWorker> {
  const { scriptPath } = options;
  try {
    await Deno.stat(scriptPath);
  } catch {
    throw new Error(
      `Starting the Worker in Miniflare failed: ${scriptPath} is missing.`,
    );
  }
  const config = await readWranglerConfig();
  const chunks: string[] = [];
  const keep = (stream: Readable) => {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => chunks.push(chunk));
  };
  const miniflare = new Miniflare({
    modules: true,
    scriptPath,
    // Module names are paths relative to this root; workerd refuses ones that climb out of it.
    modulesRoot: dirname(scriptPath),
    compatibilityDate: config.compatibilityDate,
    d1Databases: config.d1Databases,
    d1Persist: wranglerD1PersistPath(options.persistTo),
    durableObjects: config.durableObjects,
    durableObjectsPersist: join(options.persistTo, "v3", "do"),
    bindings: { ...config.vars, ...options.vars, ...options.settings } as Record<string, Json>,
    ...(config.assets
      ? {
        assets: {
          directory: config.assets.directory,
          binding: config.assets.binding,
          // wrangler.jsonc's run_worker_first: every request goes through the app.
          routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
        },
      }
      : {}),
    // Miniflare's own entry socket runs every request through its router Worker first (a
    // second JS hop: ~1 ms a request here, /healthz 1,100 req/s against 5,000 direct); the
    // Worker is served on a direct socket instead and the entry socket is left idle.
    host: "127.0.0.1",
    port: 0,
    unsafeDirectSockets: [{ host: "127.0.0.1", port: options.port ?? 0 }],
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      keep(stdout);
      keep(stderr);
    },
  });
  let url: URL;
  try {
    await miniflare.ready;
    url = await miniflare.unsafeGetDirectURL();
  } catch (error) {
    await miniflare.dispose().catch(() => {});
    throw new Error(
      `Starting the Worker in Miniflare failed: ${(error as Error).message}\n${chunks.join("")}`,
    );
  }
  const output = () => chunks.join("");
  const jsonLogs = () => jsonLines(output());
  let closed = false;
  return {
    url: url.origin,
    parentPid: Deno.pid,
    output,
    jsonLogs,
    waitForLog: (predicate, timeoutMs) => waitForJsonLog(jsonLogs, predicate, timeoutMs),
    close: async () => {
      if (closed) return;
      closed = true;
      await miniflare.dispose();
    },
  };
}
