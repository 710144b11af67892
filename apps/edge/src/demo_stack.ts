/**
 * The local demo's database and credentials, shared by `dev.ts` and the tests: a migrated and
 * seeded SQLite file, and the demo credentials. The STAND-INS of 3dEye and Turnkey (loopback
 * imitations; the real services cannot be reached from these machines) and the matching settings
 * come from `@spkey/testkit/demo-stack`.
 *
 * `EDGE_APP` (exported as `@spkey/edge/demo`) is this app as the test kit's demo stack runs it: the
 * kit cannot import the edge app (the edge app depends on the kit), so tests pass it in.
 *
 * The demo admin key and JWT secret are public demo values: never use them for anything
 * but the loopback demo.
 *
 * @module
 */
import { migrateSqlite } from "@spkey/api/sqlite";
import { seedDemoData } from "@spkey/testkit";
import type { EdgeApp } from "@spkey/testkit/demo-stack";

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

/** This app for `startDemoStack` and `startEdgeService` of `@spkey/testkit/demo-stack`. */
export const EDGE_APP: EdgeApp = {
  main: new URL("../main.ts", import.meta.url),
  prepareDemoDatabase,
};
