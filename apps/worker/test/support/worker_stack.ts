/**
 * The whole Worker stack on this machine, for the tests and the benchmarks: a local D1 migrated
 * and seeded by wrangler, the 3dEye and Turnkey STAND-INS on loopback, and the Worker in real
 * workerd, configured to use them. The Worker is the deployable bundle built from the current
 * source (`wrangler deploy --dry-run`, see `scripts/bundle_worker.ts`) and served through the
 * Miniflare API (`miniflare_worker.ts`), the one local runner here; `deno task dev` puts
 * `wrangler dev` over the same backends instead (`scripts/dev.ts`).
 *
 * @module
 */
import type { ThreedeyeStandin, TurnkeyStandin } from "@spkey/testkit";
import { bundleWorker } from "../../scripts/bundle_worker.ts";
import {
  DEMO_WORKER_SECRETS,
  type LocalBackendsOptions,
  startLocalBackends,
} from "../../scripts/local_backends.ts";
import { startMiniflareWorker } from "./miniflare_worker.ts";
import type { RunningWorker } from "./worker_logs.ts";

export { DEMO_WORKER_SECRETS };

/** Options of {@linkcode startWorkerStack}. */
export interface WorkerStackOptions extends Partial<LocalBackendsOptions> {
  /** Settings added to (or replacing) the stack's own. */
  settings?: Record<string, string>;
  /**
   * Vars added to wrangler.jsonc's, typed as that file holds them (a number stays a number);
   * `settings` can only carry text.
   */
  vars?: Record<string, unknown>;
  /** Where the local D1 lives; default a fresh temp folder removed on close. */
  persistTo?: string;
  /** Port for the Worker; default 0 (a free one). */
  port?: number;
  /**
   * Another entry module instead of `src/index.ts` (relative to apps/worker), e.g. a test
   * wrapper; bundled like the real one.
   */
  entry?: string;
  /**
   * A bundle already built from the current source (the benchmark builds once for several
   * stacks); default: the stack builds its own into a temp folder.
   */
  scriptPath?: string;
}

/** A running stack. */
export interface WorkerStack {
  /** The Worker, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** Every setting the Worker was given (includes demo secrets: never log this). */
  readonly settings: Readonly<Record<string, string>>;
  readonly threedeye: ThreedeyeStandin | null;
  readonly turnkey: TurnkeyStandin | null;
  /** The local D1's folder. */
  readonly persistTo: string;
  /** The process `workerd` descends from: this one (Miniflare runs in-process). */
  readonly parentPid: number;
  /** What workerd and the Worker printed so far (the Worker's log lines). */
  output(): string;
  /** The Worker's structured (JSON) log lines so far. */
  jsonLogs(): Array<Record<string, unknown>>;
  /** Waits for a JSON log line (see {@linkcode RunningWorker.waitForLog}). */
  waitForLog: RunningWorker["waitForLog"];
  /** Stops the Worker and the stand-ins, and removes the temp folders. */
  close(): Promise<void>;
}

/** Starts the stack; everything started is stopped again if a later step fails. */
export async function startWorkerStack(options: WorkerStackOptions = {}): Promise<WorkerStack> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  const tempDir = async (prefix: string) => {
    const dir = await Deno.makeTempDir({ prefix });
    cleanups.push(() => Deno.remove(dir, { recursive: true }));
    return dir;
  };
  try {
    const scriptPath = options.scriptPath ??
      await bundleWorker(await tempDir("spkey-worker-bundle-"), { entry: options.entry });
    const persistTo = options.persistTo ?? await tempDir("spkey-worker-d1-");
    const backends = await startLocalBackends({ ...options, persistTo });
    cleanups.push(() => backends.close());
    const settings = { ...backends.settings, ...options.settings };
    const worker = await startMiniflareWorker({
      persistTo,
      settings,
      vars: options.vars,
      port: options.port,
      scriptPath,
    });
    cleanups.push(() => worker.close());
    return {
      url: worker.url,
      settings,
      threedeye: backends.threedeye,
      turnkey: backends.turnkey,
      persistTo,
      parentPid: worker.parentPid,
      output: worker.output,
      jsonLogs: worker.jsonLogs,
      waitForLog: worker.waitForLog,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
