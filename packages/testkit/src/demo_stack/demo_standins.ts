/**
 * The stand-ins of the local demo and the edge service's settings that point at them: the 3dEye
 * stand-in serving the demo customer, the Turnkey stand-in, and the demo credentials. Used by the
 * edge app's `dev.ts` at run time (the local demo) and by {@linkcode startDemoStack} in tests.
 *
 * The demo admin key and JWT secret are public demo values: never use them for anything but the
 * loopback demo.
 *
 * @module
 */
import { DEMO_ADMIN_API_KEY, DEMO_JWT_SECRET } from "../demo_credentials.ts";
import { DEMO_CUSTOMER_ID } from "../demo_data.ts";
import {
  DEMO_THREEDEYE_CREDENTIALS,
  startThreedeyeStandin,
  type ThreedeyeStandin,
  type ThreedeyeStandinOptions,
} from "../threedeye_standin.ts";
import {
  startTurnkeyStandin,
  type TurnkeyStandin,
  turnkeyStandinApiKey,
} from "../turnkey_standin.ts";

/** The running demo stand-ins. */
export interface DemoStandins {
  threedeye: ThreedeyeStandin;
  turnkey: TurnkeyStandin;
  close(): Promise<void>;
}

/** Starts the 3dEye stand-in (demo customer unless told otherwise) and the Turnkey stand-in. */
export async function startDemoStandins(
  threedeye: ThreedeyeStandinOptions = {},
): Promise<DemoStandins> {
  const threedeyeStandin = startThreedeyeStandin(threedeye);
  let turnkey: TurnkeyStandin;
  try {
    turnkey = await startTurnkeyStandin();
  } catch (error) {
    await threedeyeStandin.close();
    throw error;
  }
  return {
    threedeye: threedeyeStandin,
    turnkey,
    async close() {
      await Promise.all([threedeyeStandin.close(), turnkey.close()]);
    },
  };
}

/**
 * The edge service's environment for the demo: stand-ins, demo credentials, `databasePath`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { demoEnv, startDemoStandins } from "@spkey/testkit/demo-stack";
 * const standins = await startDemoStandins();
 * try {
 *   const env = demoEnv({ standins, databasePath: "/tmp/demo.sqlite", adminApiKey: "k" });
 *   assertEquals(env.THREEDEYE_API_BASE, standins.threedeye.url);
 *   assertEquals(env.ADMIN_API_KEYS, "k");
 * } finally {
 *   await standins.close();
 * }
 * ```
 */
export function demoEnv(options: {
  standins: DemoStandins;
  databasePath: string;
  adminApiKey?: string;
  jwtSecret?: string;
}): Record<string, string> {
  return {
    ADMIN_API_KEYS: options.adminApiKey ?? DEMO_ADMIN_API_KEY,
    JWT_SECRET: options.jwtSecret ?? DEMO_JWT_SECRET,
    THREEDEYE_API_BASE: options.standins.threedeye.url,
    THREEDEYE_API_KEY: DEMO_THREEDEYE_CREDENTIALS.apiKey,
    THREEDEYE_USERNAME: DEMO_THREEDEYE_CREDENTIALS.username,
    THREEDEYE_PASSWORD: DEMO_THREEDEYE_CREDENTIALS.password,
    THREEDEYE_CUSTOMER_ID: DEMO_CUSTOMER_ID,
    TURNKEY_API_BASE: options.standins.turnkey.url,
    TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
    TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
    TURNKEY_ORGANIZATION_ID: options.standins.turnkey.organizationId,
    DATABASE_PATH: options.databasePath,
  };
}
