/**
 * The whole Worker stack on this machine: a local D1 migrated and seeded by wrangler, the 3dEye
 * and Turnkey STAND-INS on loopback, and the Worker in real workerd (`wrangler dev --local`)
 * configured to use them. `deno task dev` runs it in the foreground; tests start one per file.
 * With `runtime: "miniflare"` the built bundle is served by workerd through the Miniflare API
 * instead, without wrangler's dev proxy and log relay (the benchmark's load and soak).
 *
 * @module
 */
import { join } from "node:path";
import {
  DEMO_ADMIN_API_KEY,
  DEMO_CUSTOMER_ID,
  DEMO_JWT_SECRET,
  DEMO_THREEDEYE_CREDENTIALS,
  demoSeedSql,
  startThreedeyeStandin,
  startTurnkeyStandin,
  type ThreedeyeStandin,
  type ThreedeyeStandinOptions,
  type TurnkeyStandin,
  turnkeyStandinApiKey,
  type TurnkeyStandinOptions,
} from "@spkey/testkit";
import { writeDevVarsFile } from "./dev_vars_file.ts";
import { executeOnLocalD1, migrateLocalD1 } from "./local_d1.ts";
import { ensureWidgetBundle } from "./widget_bundle.ts";
import { startMiniflareWorker } from "./miniflare_worker.ts";
import { startWranglerDev, type WranglerDev } from "./wrangler_dev.ts";
import { WORKER_DIR } from "./node_modules_path.ts";
import { wranglerConfigWithVars } from "./wrangler_config.ts";

/** What serves the Worker: `wrangler dev --local` (from source) or Miniflare (the built bundle). */
export type WorkerRuntime = "wrangler-dev" | "miniflare";

/**
 * The demo admin credentials the stack configures: public demo values (the same as the Deno
 * server's local demo), never real secrets.
 */
export const DEMO_WORKER_SECRETS = {
  adminApiKey: DEMO_ADMIN_API_KEY,
  jwtSecret: DEMO_JWT_SECRET,
} as const;

/** Options of {@linkcode startWorkerStack}. */
export interface WorkerStackOptions {
  /** Apply the migrations to the local D1 (default true). False leaves the database empty. */
  migrate?: boolean;
  /** Seed the demo rows after migrating (default true). */
  seed?: boolean;
  /** Start the 3dEye stand-in and configure the Worker for it (default true). */
  threedeye?: boolean | ThreedeyeStandinOptions;
  /** Start the Turnkey stand-in and configure the Worker for it (default true). */
  turnkey?: boolean | TurnkeyStandinOptions;
  /** Settings added to (or replacing) the stack's own. */
  settings?: Record<string, string>;
  /** Where the local D1 lives; default a fresh temp folder removed on close. */
  persistTo?: string;
  /** Port for the Worker; default 0 (a free one). */
  port?: number;
  /** Echo the Worker's output to stderr (default false). */
  echo?: boolean;
  /** Which `/healthz` status means the Worker is up; default any status below 500. */
  isReady?: (status: number) => boolean;
  /** Another entry module instead of `src/index.ts` (relative to apps/worker), e.g. a test wrapper. */
  entry?: string;
  /**
   * wrangler-dev only: vars added to wrangler.jsonc's, typed as that file holds them (a number
   * stays a number), through a generated config. `settings` can only carry text.
   */
  vars?: Record<string, unknown>;
  /**
   * Default "wrangler-dev". "miniflare" serves `dist/index.js` (build it first) and takes no
   * `entry`, `echo` or `isReady`.
   */
  runtime?: WorkerRuntime;
  /** Miniflare only: the bundle to serve; default `dist/index.js`. */
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
  /** The process `workerd` descends from: wrangler dev's, or this one (Miniflare). */
  readonly parentPid: number;
  /** What the runtime and the Worker printed so far (the Worker's log lines). */
  output(): string;
  /** The Worker's structured (JSON) log lines so far. */
  jsonLogs(): Array<Record<string, unknown>>;
  /** Waits for a JSON log line (see {@linkcode WranglerDev.waitForLog}). */
  waitForLog: WranglerDev["waitForLog"];
  /** Which runtime serves it. */
  readonly runtime: WorkerRuntime;
  /** Stops the Worker and the stand-ins, and removes a temp D1. */
  close(): Promise<void>;
}

/** Starts the stack; everything started is stopped again if a later step fails. */
export async function startWorkerStack(options: WorkerStackOptions = {}): Promise<WorkerStack> {
  const ownsPersistDir = options.persistTo === undefined;
  const persistTo = options.persistTo ?? await Deno.makeTempDir({ prefix: "spkey-worker-d1-" });
  const cleanups: Array<() => Promise<void>> = [];
  if (ownsPersistDir) cleanups.push(() => Deno.remove(persistTo, { recursive: true }));
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    await ensureWidgetBundle();
    if (options.migrate ?? true) {
      await migrateLocalD1(persistTo);
      if (options.seed ?? true) await executeOnLocalD1(persistTo, demoSeedSql(), "demo_seed.sql");
    }
    const threedeye = options.threedeye === false
      ? null
      : startThreedeyeStandin(options.threedeye === true ? {} : options.threedeye);
    if (threedeye) cleanups.push(() => threedeye.close());
    const turnkey = options.turnkey === false
      ? null
      : await startTurnkeyStandin(options.turnkey === true ? {} : options.turnkey);
    if (turnkey) cleanups.push(() => turnkey.close());

    const settings = { ...stackSettings(threedeye, turnkey), ...options.settings };
    const runtime = options.runtime ?? "wrangler-dev";
    if (runtime === "miniflare" && (options.entry !== undefined || options.vars !== undefined)) {
      throw new Error(
        "Starting the Worker stack failed: Miniflare serves the built bundle, not an entry or vars.",
      );
    }
    const worker = runtime === "miniflare"
      ? await startMiniflareWorker({
        persistTo,
        settings,
        port: options.port,
        scriptPath: options.scriptPath,
      })
      : await startWranglerDevWorker(persistTo, settings, options);
    cleanups.push(() => worker.close());
    return {
      url: worker.url,
      settings,
      threedeye,
      turnkey,
      persistTo,
      runtime,
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

async function startWranglerDevWorker(
  persistTo: string,
  settings: Record<string, string>,
  options: WorkerStackOptions,
): Promise<WranglerDev> {
  const envFile = join(persistTo, "worker.env");
  await writeDevVarsFile(envFile, settings);
  let config: string | undefined;
  if (options.vars !== undefined) {
    config = join(persistTo, "wrangler.generated.json");
    const own = await Deno.readTextFile(join(WORKER_DIR, "wrangler.jsonc"));
    await Deno.writeTextFile(config, wranglerConfigWithVars(own, WORKER_DIR, options.vars));
  }
  return await startWranglerDev({
    port: options.port ?? 0,
    persistTo,
    envFile,
    echo: options.echo,
    isReady: options.isReady,
    entry: options.entry,
    config,
  });
}

function stackSettings(
  threedeye: ThreedeyeStandin | null,
  turnkey: TurnkeyStandin | null,
): Record<string, string> {
  const settings: Record<string, string> = {
    ADMIN_API_KEYS: DEMO_WORKER_SECRETS.adminApiKey,
    JWT_SECRET: DEMO_WORKER_SECRETS.jwtSecret,
  };
  if (threedeye) {
    Object.assign(settings, {
      THREEDEYE_API_BASE: threedeye.url,
      THREEDEYE_API_KEY: DEMO_THREEDEYE_CREDENTIALS.apiKey,
      THREEDEYE_USERNAME: DEMO_THREEDEYE_CREDENTIALS.username,
      THREEDEYE_PASSWORD: DEMO_THREEDEYE_CREDENTIALS.password,
      THREEDEYE_CUSTOMER_ID: DEMO_CUSTOMER_ID,
    });
  }
  if (turnkey) {
    Object.assign(settings, {
      TURNKEY_API_BASE: turnkey.url,
      TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
      TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
      TURNKEY_ORGANIZATION_ID: turnkey.organizationId,
    });
  }
  return settings;
}
