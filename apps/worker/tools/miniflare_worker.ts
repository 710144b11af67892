/**
 * Serves the BUILT Worker bundle (`dist/index.js`, what `wrangler deploy` uploads) in real workerd
 * through the Miniflare API, without `wrangler dev`: no dev proxy in Node between client and
 * workerd, no log relay. Clients talk to the Worker's own socket in workerd on 127.0.0.1 (a
 * Miniflare "direct socket": not through Miniflare's router Worker either, so requests carry no
 * `request.cf` and no `CF-Connecting-IP`). The D1 binding `DB`
 * reads the same local database `wrangler d1 … --local --persist-to <dir>` prepared (wrangler
 * keeps it under `<dir>/v3/d1`), and the settings are passed as plain-text bindings on top of
 * `wrangler.jsonc`'s vars, and its Durable Objects (the auth failure counters) persist beside it. No
 * ASSETS binding: the Worker then serves no widget (as without assets).
 *
 * The Worker's log lines (one JSON line per request) arrive on workerd's stdout; they are only
 * appended to a list of chunks here and parsed when asked for, so they never slow the Worker.
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { WORKER_DIR } from "./node_modules_path.ts";
import { jsonLines, type RunningWorker, waitForJsonLog } from "./worker_logs.ts";
import { readWranglerConfig } from "./wrangler_config.ts";

/** The deployable bundle `deno task build` writes. */
export const BUILT_WORKER: string = join(WORKER_DIR, "dist", "index.js");

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
  /** The module bundle to serve; default {@linkcode BUILT_WORKER}. */
  scriptPath?: string;
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
  const scriptPath = options.scriptPath ?? BUILT_WORKER;
  try {
    await Deno.stat(scriptPath);
  } catch {
    throw new Error(
      `Starting the Worker in Miniflare failed: ${scriptPath} is missing (run deno task build in apps/worker).`,
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
    bindings: { ...config.vars, ...options.settings },
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
