/**
 * `@spkey/api`: the admin diagnostics API as `createApp(deps)` over plain ports, its settings
 * parser and the service composition the Deno and Worker entries share.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createApp, createServices, parseConfig } from "@spkey/api";
 * const config = parseConfig({
 *   ADMIN_API_KEYS: "demo-admin-key-0123456789",
 *   JWT_SECRET: "a-demo-jwt-secret-of-at-least-32-characters",
 * });
 * const services = createServices(config, { executor: { batch: () => Promise.resolve([[]]) } });
 * const app = createApp({ config, ...services, logger: () => {} });
 * assertEquals((await app.request("/admin/threedeye/users/x")).status, 401);
 * ```
 *
 * @module
 */
export { type AppDeps, type AppType, createApp } from "./app.ts";
export type { AppEnv, AppVariables } from "./app_env.ts";
export {
  type AppConfig,
  ConfigError,
  type D1HttpConfig,
  type Env,
  type JwtAlgorithm,
  type JwtConfig,
  type LogLevel,
  parseConfig,
  type ThreedeyeConfig,
  type TurnkeyConfig,
} from "./config.ts";
export { createServices, type Services } from "./services.ts";
export { type DiagnoseDeps, diagnoseThreedeyeUser, type Diagnosis } from "./diagnose.ts";
export { ApiException, type ApiExceptionOptions, reasonPhrase } from "./errors.ts";
export { resolveRequestId } from "./request_id.ts";
export type { AuditEntry, LogSink, LookupAuditEntry, SearchAuditEntry } from "./logging.ts";
export { createApiKeyVerifier } from "./auth/api_key.ts";
export { isAdminEmail } from "./auth/admin_email.ts";
export {
  createFailureLimiter,
  type FailureLimiter,
  type FailureLimiterOptions,
} from "./auth/rate_limit.ts";
export type { FailureTally, FailureWindow } from "./auth/failure_tally.ts";
export {
  AuthFailureCounter,
  createDurableObjectFailureTally,
  type DurableObjectNamespace,
  type DurableObjectState,
  type DurableObjectStorage,
} from "./auth/durable_object_tally.ts";
export {
  clientAddress,
  type ClientAddressRule,
  CLOUDFLARE_CLIENT_ADDRESS,
  type TrustedProxy,
  UNKNOWN_CLIENT,
} from "./auth/client_ip.ts";
export { allowedMethods } from "./method_not_allowed.ts";
export { renderDocsPage } from "./docs_page.ts";
export type { AppAssets } from "./routes/assets.ts";
export type { TurnkeyDeps } from "./routes/turnkey.ts";
export * from "./domain.ts";
export * from "./store/mod.ts";
export * from "./threedeye/mod.ts";
