/**
 * What the bench server serves, as one fetch handler over four apps in one process:
 *
 * - the FULL stack: `createApp` exactly as the Deno entry builds it (request id, request log,
 *   secure headers, CORS, dual auth, zod validation, the store, the 3dEye probe, audit log);
 * - the same app with 3dEye switched off (`x-bench-app: store-only` header), which isolates our
 *   middleware + validation + store from the HTTP call to the 3dEye stand-in;
 * - the same app with 3dEye off over an in-memory store answering each user's snapshot, read
 *   once at start-up, as the same frozen object (`x-bench-app: middleware-only`): our
 *   middleware + validation + report + JSON, without the database;
 * - a BARE Hono route, `GET /bare/admin/threedeye/users/:userId`, answering the very report the
 *   full route would give (computed once at start-up) with `c.json`, and doing nothing else.
 *
 * Every request pays the same dispatch (one header lookup and one path test), so the ratios
 * measure the apps and not the dispatcher.
 *
 * @module
 */
import {
  type AppConfig,
  createApp,
  createServices,
  diagnoseThreedeyeUser,
  type DiagnosticsStore,
  type Env,
  type LogSink,
  parseConfig,
  type SqlExecutor,
} from "@spkey/api";
import type { ThreedeyeDiagnostics } from "@spkey/contracts";
import { Hono } from "hono";
import { createSnapshotStore, readSnapshots } from "./snapshot_store.ts";

/** The request header that selects a variant of the full app. */
export const BENCH_APP_HEADER = "x-bench-app";
/** Its value for the store-only app (3dEye off). */
export const STORE_ONLY_VALUE = "store-only";
/** Its value for the middleware-only app (3dEye off, in-memory snapshots). */
export const MIDDLEWARE_ONLY_VALUE = "middleware-only";
/** The bare route's prefix in front of the full route's path. */
export const BARE_PREFIX = "/bare";

/** Options for {@linkcode createBenchHandler}. */
export interface BenchHandlerOptions {
  /** The service's settings (the same names as the Deno entry's environment). */
  env: Env;
  executor: SqlExecutor;
  /** User ids whose reports the bare route serves (and whose snapshots middleware-only holds). */
  userIds: readonly string[];
  /** Log sink of the three `createApp` apps; default: JSON lines on stdout, as in production. */
  logger?: LogSink;
}

/** A fetch handler in the shape `Deno.serve` calls. */
export type BenchHandler = (
  request: Request,
  info?: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/**
 * Builds the four apps and the dispatcher; computes the bare route's reports and reads the
 * middleware-only snapshots first (one 3dEye probe and one database read per user id, so the
 * stand-in must be up).
 *
 * @throws {ConfigError} On bad settings, as the Deno entry would.
 */
export async function createBenchHandler(options: BenchHandlerOptions): Promise<BenchHandler> {
  const config = parseConfig(options.env);
  const services = createServices(config, { executor: options.executor });
  const full = createApp({
    config,
    ...services,
    logger: options.logger,
    clientAddress: { connectionAddress: remoteAddress },
  });
  const withoutThreedeye = (store: DiagnosticsStore) =>
    createApp({
      config: { ...config, threedeye: null } satisfies AppConfig,
      store,
      threedeye: null,
      turnkey: null,
      logger: options.logger,
      clientAddress: { connectionAddress: remoteAddress },
    });
  const variants = new Map<string | null, { fetch: BenchHandler }>([
    [STORE_ONLY_VALUE, withoutThreedeye(services.store)],
    [
      MIDDLEWARE_ONLY_VALUE,
      withoutThreedeye(createSnapshotStore(await readSnapshots(services.store, options.userIds))),
    ],
  ]);
  const reports = new Map<string, ThreedeyeDiagnostics>();
  for (const userId of options.userIds) {
    const id = userId.toLowerCase();
    reports.set(id, (await diagnoseThreedeyeUser(id, services)).report);
  }
  const bare = new Hono().get(`${BARE_PREFIX}/admin/threedeye/users/:userId`, (c) => {
    const report = reports.get(c.req.param("userId").toLowerCase());
    return report === undefined ? c.json({ error: "Not Found" }, 404) : c.json(report);
  });

  return (request, info) => {
    // Header first, then path: every request, bare ones included, pays both.
    const variant = variants.get(request.headers.get(BENCH_APP_HEADER));
    const url = request.url;
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    if (url.startsWith(`${BARE_PREFIX}/`, pathStart)) return bare.fetch(request, info);
    return (variant ?? full).fetch(request, info);
  };
}

// Deno.serve hands Hono the connection info as `c.env` (as in the Deno entry).
function remoteAddress(c: { env: unknown }): string | null {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname ?? null;
}
