/**
 * What a Worker on this machine runs against: a local D1 migrated (and seeded with the demo rows)
 * by wrangler itself, and the 3dEye and Turnkey STAND-INS on loopback, with the Worker settings
 * that point at them. `deno task dev` serves the Worker over it with `wrangler dev`; the tests and
 * the benchmarks with workerd through Miniflare (`test/support/worker_stack.ts`).
 *
 * @module
 */
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
import { executeOnLocalD1, migrateLocalD1 } from "./local_d1.ts";

/**
 * The demo admin credentials the local Worker is given: public demo values (the same as the Deno
 * server's local demo), never real secrets.
 */
export const DEMO_WORKER_SECRETS = {
  adminApiKey: DEMO_ADMIN_API_KEY,
  jwtSecret: DEMO_JWT_SECRET,
} as const;

/** Options of {@linkcode startLocalBackends}. */
export interface LocalBackendsOptions {
  /** The `--persist-to` folder of the local D1 (wrangler keeps it under `v3/d1`). */
  persistTo: string;
  /** Apply the migrations to the local D1 (default true). False leaves the database empty. */
  migrate?: boolean;
  /** Seed the demo rows after migrating (default true). */
  seed?: boolean;
  /** Start the 3dEye stand-in and configure the Worker for it (default true). */
  threedeye?: boolean | ThreedeyeStandinOptions;
  /** Start the Turnkey stand-in and configure the Worker for it (default true). */
  turnkey?: boolean | TurnkeyStandinOptions;
}

/** The prepared D1 and the running stand-ins. */
export interface LocalBackends {
  /** The Worker's settings for them: the demo admin secrets and the stand-ins' URLs and keys. */
  readonly settings: Readonly<Record<string, string>>;
  readonly threedeye: ThreedeyeStandin | null;
  readonly turnkey: TurnkeyStandin | null;
  /** Stops the stand-ins (the D1 folder is the caller's). */
  close(): Promise<void>;
}

/** Prepares the local D1 and starts the stand-ins; stops what it started if a step fails. */
export async function startLocalBackends(options: LocalBackendsOptions): Promise<LocalBackends> {
  if (options.migrate ?? true) {
    await migrateLocalD1(options.persistTo);
    if (options.seed ?? true) {
      await executeOnLocalD1(options.persistTo, demoSeedSql(), "demo_seed.sql");
    }
  }
  const threedeye = options.threedeye === false
    ? null
    : startThreedeyeStandin(options.threedeye === true ? {} : options.threedeye);
  let turnkey: TurnkeyStandin | null = null;
  try {
    turnkey = options.turnkey === false
      ? null
      : await startTurnkeyStandin(options.turnkey === true ? {} : options.turnkey);
  } catch (error) {
    await threedeye?.close();
    throw error;
  }
  return {
    settings: backendSettings(threedeye, turnkey),
    threedeye,
    turnkey,
    close: async () => {
      await turnkey?.close();
      await threedeye?.close();
    },
  };
}

function backendSettings(
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
      TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
      TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
      TURNKEY_ORGANIZATION_ID: turnkey.organizationId,
    });
  }
  return settings;
}
