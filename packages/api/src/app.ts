/**
 * `createApp(deps)`: the admin diagnostics API as one OpenAPIHono app over plain ports. No
 * runtime-specific code: the Deno and Worker entries build the deps and serve `app.fetch`.
 *
 * Middleware order matters: the request envelope first (request id on every response, errors
 * included, security headers, `no-store` on /admin, the request log), then CORS (before auth, so
 * preflights and 401s are readable cross-origin by allowed origins), and dual auth on the /admin
 * API.
 *
 * @module
 */
import type { Context } from "hono";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Tracer } from "@spkey/contracts/upstream";
import type { AppEnv } from "./app_env.ts";
import { adminAuth } from "./auth/admin_auth.ts";
import { createApiKeyVerifier } from "./auth/api_key.ts";
import { clientAddress, type ClientAddressRule } from "./auth/client_ip.ts";
import type { FailureTally } from "./auth/failure_tally.ts";
import { createJwtVerifier } from "./auth/jwt.ts";
import { createFailureLimiter } from "./auth/rate_limit.ts";
import type { AppConfig } from "./config.ts";
import { corsPolicy } from "./cors_policy.ts";
import { ApiException, toApiException } from "./errors.ts";
import { failureLogFields } from "./failure_log.ts";
import { consoleSink, createLogger, type Logger, type LogSink } from "./logging.ts";
import { allowedMethods } from "./method_not_allowed.ts";
import { OPENAPI_INFO, registerOpenApiComponents } from "./openapi.ts";
import type { DiagnosticsStore } from "./domain.ts";
import { requestWrapper } from "./request_wrapper.ts";
import { type AppAssets, assetRoutes } from "./routes/assets.ts";
import { docsRoutes } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health.ts";
import { threedeyeRoutes } from "./routes/threedeye.ts";
import { threedeyeSearchRoutes } from "./routes/threedeye_search.ts";
import type { CustomerListingCache } from "./threedeye/customer_listing.ts";
import { type TurnkeyDeps, turnkeyRoutes } from "./routes/turnkey.ts";
import { validationHook } from "./validation.ts";

/** Everything the app is built over. */
export interface AppDeps {
  config: AppConfig;
  store: DiagnosticsStore;
  /**
   * 3dEye: the client behind the customer's listing cache (`createServices` builds it); null
   * when not configured (reports say `remote.configured: false`).
   */
  threedeye: CustomerListingCache | null;
  /** Null when Turnkey is not configured (its route answers 503). */
  turnkey: TurnkeyDeps | null;
  /** Receives structured log lines; default: one JSON line per `console.log`. */
  logger?: LogSink;
  /** Clock in epoch milliseconds (JWT times, rate limiting, durations). */
  now?: () => number;
  /** Used to fetch the JWKS. */
  fetch?: typeof fetch;
  assets?: AppAssets;
  /**
   * Where a request's client address comes from (it keys the auth failure limit): the Deno entry
   * passes its connection address and `config.trustedProxy`, the Worker
   * `CLOUDFLARE_CLIENT_ADDRESS`. Default: neither, so every client shares the key `unknown`.
   */
  clientAddress?: ClientAddressRule;
  /** Where auth failures are counted: a store shared by every instance; default memory. */
  failureTally?: FailureTally;
  /**
   * Names the runtime's span of each request after its route and adds the request id (the Deno
   * entry passes its OpenTelemetry tracer); default none. The store and the upstream clients
   * take the same tracer through `createServices`.
   */
  tracer?: Tracer;
}

/**
 * Builds the app.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { createApp, parseConfig } from "@spkey/api";
 * const unused = () => Promise.reject(new Error("unused"));
 * const app = createApp({
 *   config: parseConfig({
 *     ADMIN_API_KEYS: "demo-admin-key-0123456789",
 *     JWT_SECRET: "a-demo-jwt-secret-of-at-least-32-characters",
 *   }),
 *   store: { readUserSnapshot: unused, findUsersByEmail: unused, ping: () => Promise.resolve() },
 *   threedeye: null,
 *   turnkey: null,
 *   logger: () => {},
 * });
 * const res = await app.request("/healthz");
 * assertEquals(res.status, 200);
 * assert(res.headers.has("x-request-id"));
 * ```
 */
export function createApp(deps: AppDeps) {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const log = createLogger(deps.logger ?? consoleSink, config.logLevel);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  registerOpenApiComponents(app);
  app.use("*", requestWrapper(log, now, deps.tracer));
  app.use("*", corsPolicy(config.corsOrigins));
  const limiter = createFailureLimiter({
    ...config.authFailureLimit,
    now,
    tally: deps.failureTally,
    onTallyError: (error) =>
      log("warn", "auth failure store unavailable", {
        kind: deps.failureTally?.kind,
        error: (error as Error)?.name ?? "Error",
      }),
  });
  log("info", "auth failure limiter", { kind: limiter.kind });
  const { connectionAddress, trustedProxy } = deps.clientAddress ?? {};
  const auth = adminAuth({
    verifyApiKey: createApiKeyVerifier(config.adminApiKeys),
    verifyJwt: createJwtVerifier(config.jwt, { fetch: deps.fetch, now }),
    adminEmailDomains: config.adminEmailDomains,
    limiter,
    clientAddress: (c) => clientAddress(c.req.raw.headers, connectionAddress?.(c), trustedProxy),
    log,
  });
  // Every /admin/... API path, existing or not; the /admin demo page itself is public.
  app.use("/admin/*", (c, next) => (c.req.path.startsWith("/admin/") ? auth(c, next) : next()));

  app.onError((error, c) => renderError(error, c, log));
  app.notFound((c) => {
    const allow = allowedMethods(app.routes, c.req.path);
    const exception = allow.length > 0
      ? new ApiException(405, "This method is not allowed on this path.", {
        headers: { Allow: allow.join(", ") },
      })
      : new ApiException(404, "No route matches this path.");
    return exception.getResponse(c.get("requestId"));
  });

  return app
    .route("/", threedeyeRoutes({ store: deps.store, threedeye: deps.threedeye, log }))
    .route("/", threedeyeSearchRoutes({ store: deps.store, log }))
    .route("/", turnkeyRoutes({ turnkey: deps.turnkey, log }))
    .route("/", healthRoutes({ store: deps.store }))
    .route("/", assetRoutes(deps.assets))
    .route("/", docsRoutes(() => app.getOpenAPI31Document(OPENAPI_INFO)));
}

/** The app's type, for typed Hono RPC clients: `hc<AppType>(baseUrl)`. */
export type AppType = ReturnType<typeof createApp>;

function renderError(error: unknown, c: Context<AppEnv>, log: Logger): Response {
  const exception = toApiException(error);
  if (exception.status >= 500) {
    log(exception.status === 500 ? "error" : "warn", "request failed", {
      requestId: c.get("requestId"),
      status: exception.status,
      // Never an upstream's text (see failure_log.ts).
      ...failureLogFields(exception),
    });
  }
  return exception.getResponse(c.get("requestId"));
}
