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
import type { AppEnv } from "./app_env.ts";
import { adminAuth } from "./auth/admin_auth.ts";
import { createApiKeyVerifier } from "./auth/api_key.ts";
import { clientAddress } from "./auth/client_ip.ts";
import { createJwtVerifier } from "./auth/jwt.ts";
import { createFailureLimiter } from "./auth/rate_limit.ts";
import type { AppConfig } from "./config.ts";
import { corsPolicy } from "./cors_policy.ts";
import { ApiException, toApiException } from "./errors.ts";
import { consoleSink, createLogger, type Logger, type LogSink } from "./logging.ts";
import { allowedMethods } from "./method_not_allowed.ts";
import { OPENAPI_INFO, registerOpenApiComponents } from "./openapi.ts";
import type { DiagnosticsStore, ThreedeyeDirectory } from "./ports.ts";
import { requestEnvelope } from "./request_envelope.ts";
import { type AppAssets, assetRoutes } from "./routes/assets.ts";
import { docsRoutes } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health.ts";
import { threedeyeRoutes } from "./routes/threedeye.ts";
import { type TurnkeyDeps, turnkeyRoutes } from "./routes/turnkey.ts";
import { validationHook } from "./validation.ts";

/** Everything the app is built over. */
export interface AppDeps {
  config: AppConfig;
  store: DiagnosticsStore;
  /** Null when 3dEye is not configured (reports say `remote.configured: false`). */
  threedeye: ThreedeyeDirectory | null;
  /** Null when Turnkey is not configured (its route answers 503). */
  turnkey: TurnkeyDeps | null;
  /** Receives structured log lines; default: one JSON line per `console.log`. */
  logger?: LogSink;
  /** Clock in epoch milliseconds (JWT times, rate limiting, durations). */
  now?: () => number;
  /** Used to fetch the JWKS. */
  fetch?: typeof fetch;
  assets?: AppAssets;
  /** The connection's remote address, when the runtime knows it (fallback after proxy headers). */
  connectionAddress?: (c: Context) => string | null | undefined;
}

/**
 * Builds the app.
 *
 * @example
 * ```ts
 * import { createApp, parseConfig } from "@spkey/api";
 * const app = createApp({
 *   config: parseConfig({
 *     ADMIN_API_KEYS: "demo-admin-key-0123456789",
 *     JWT_SECRET: "a-demo-jwt-secret-of-at-least-32-characters",
 *   }),
 *   store: { readUserSnapshot: () => Promise.reject(new Error("unused")), ping: () => Promise.resolve() },
 *   threedeye: null,
 *   turnkey: null,
 *   logger: () => {},
 * });
 * const res = await app.request("/healthz");
 * console.assert(res.status === 200 && res.headers.has("x-request-id"));
 * ```
 */
export function createApp(deps: AppDeps) {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const log = createLogger(deps.logger ?? consoleSink, config.logLevel);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  registerOpenApiComponents(app);
  app.use("*", requestEnvelope(log, now));
  app.use("*", corsPolicy(config.corsOrigins));
  const auth = adminAuth({
    verifyApiKey: createApiKeyVerifier(config.adminApiKeys),
    verifyJwt: createJwtVerifier(config.jwt, { fetch: deps.fetch, now }),
    adminEmailDomains: config.adminEmailDomains,
    limiter: createFailureLimiter({ ...config.authFailureLimit, now }),
    clientAddress: (c) => clientAddress(c.req.raw.headers, deps.connectionAddress?.(c)),
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
    const cause = exception.cause as Error | undefined;
    log(exception.status === 500 ? "error" : "warn", "request failed", {
      requestId: c.get("requestId"),
      status: exception.status,
      error: cause?.name ?? exception.name,
      // First line only and bounded: enough to diagnose, no stacks in logs or responses.
      detail: String(cause?.message ?? exception.message).split("\n")[0].slice(0, 300),
    });
  }
  return exception.getResponse(c.get("requestId"));
}
