/**
 * What the bench server serves, as one fetch handler over three apps in one process:
 *
 * - the FULL stack: `createApp` exactly as the Deno entry builds it (request id, request log,
 *   secure headers, CORS, dual auth, zod validation, the store, the 3dEye probe, audit log);
 * - the same app with 3dEye switched off (`x-bench-app: store-only` header), which isolates our
 *   middleware + validation + store from the HTTP call to the 3dEye stand-in;
 * - a BARE Hono route, `GET /bare/admin/threedeye/users/:userId`, answering the very report the
 *   full route would give (computed once at start-up) with `c.json`, and doing nothing else.
 *
 * Every request pays the same dispatch (one path test and one header lookup), so the ratios
 * measure the apps and not the dispatcher.
 *
 * @module
 */
import {
  type AppConfig,
  createApp,
  createServices,
  diagnoseThreedeyeUser,
  type Env,
  type LogSink,
  parseConfig,
  type SqlExecutor,
} from "@spkey/api";
import type { ThreedeyeDiagnostics } from "@spkey/contracts";
import { Hono } from "hono";

/** The request header that selects the store-only app. */
export const STORE_ONLY_HEADER = "x-bench-app";
/** Its value. */
export const STORE_ONLY_VALUE = "store-only";
/** The bare route's prefix in front of the full route's path. */
export const BARE_PREFIX = "/bare";

/** Options for {@linkcode createBenchHandler}. */
export interface BenchHandlerOptions {
  /** The service's settings (the same names as the Deno entry's environment). */
  env: Env;
  executor: SqlExecutor;
  /** User ids whose reports the bare route serves. */
  userIds: readonly string[];
  /** Log sink of the full and store-only apps; default: JSON lines on stdout, as in production. */
  logger?: LogSink;
}

/** A fetch handler in the shape `Deno.serve` calls. */
export type BenchHandler = (
  request: Request,
  info?: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/**
 * Builds the three apps and the dispatcher; computes the bare route's reports first (this takes
 * one 3dEye probe per user id, so the stand-in must be up).
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
    connectionAddress: remoteAddress,
  });
  const storeOnlyConfig: AppConfig = { ...config, threedeye: null };
  const storeOnly = createApp({
    config: storeOnlyConfig,
    store: services.store,
    threedeye: null,
    turnkey: null,
    logger: options.logger,
    connectionAddress: remoteAddress,
  });
  const reports = new Map<string, ThreedeyeDiagnostics>();
  for (const userId of options.userIds) {
    const id = userId.toLowerCase();
    reports.set(id, await diagnoseThreedeyeUser(id, services));
  }
  const bare = new Hono().get(`${BARE_PREFIX}/admin/threedeye/users/:userId`, (c) => {
    const report = reports.get(c.req.param("userId").toLowerCase());
    return report === undefined ? c.json({ error: "Not Found" }, 404) : c.json(report);
  });

  return (request, info) => {
    const url = request.url;
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    if (url.startsWith(`${BARE_PREFIX}/`, pathStart)) return bare.fetch(request, info);
    const app = request.headers.get(STORE_ONLY_HEADER) === STORE_ONLY_VALUE ? storeOnly : full;
    return app.fetch(request, info);
  };
}

// Deno.serve hands Hono the connection info as `c.env` (as in the Deno entry).
function remoteAddress(c: { env: unknown }): string | null {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname ?? null;
}
