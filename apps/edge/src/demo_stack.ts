/**
 * The local demo's pieces, shared by `dev.ts` and the test harness: a migrated and seeded SQLite
 * file, the 3dEye and Turnkey STAND-INS (loopback imitations; the real services cannot be reached
 * from these machines), demo credentials and the matching environment for the edge service.
 *
 * The demo admin key and JWT secret below are public demo values: never use them for anything
 * but the loopback demo.
 *
 * @module
 */
import { migrateSqlite } from "@spkey/api/sqlite";
import {
  DEMO_ADMIN_API_KEY,
  DEMO_CUSTOMER_ID,
  DEMO_JWT_SECRET,
  DEMO_THREEDEYE_CREDENTIALS,
  seedDemoData,
  startThreedeyeStandin,
  startTurnkeyStandin,
  type ThreedeyeStandin,
  type ThreedeyeStandinOptions,
  type TurnkeyStandin,
  turnkeyStandinApiKey,
} from "@spkey/testkit";

// The demo credentials live with the other stand-in pieces, shared with the Worker's demo.
export {
  DEMO_ADMIN,
  DEMO_ADMIN_API_KEY,
  DEMO_JWT_SECRET,
  DEMO_JWT_TTL_SECONDS,
  signDemoJwt,
} from "@spkey/testkit";

/** Creates (if needed), migrates and seeds the demo SQLite file; safe to repeat. */
export function prepareDemoDatabase(path: string): void {
  migrateSqlite(path);
  seedDemoData(path);
}

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

/** The edge service's environment for the demo: stand-ins, demo credentials, `databasePath`. */
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
