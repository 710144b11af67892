/**
 * `@spkey/api`: the admin diagnostics API as `createApp(deps)` over plain ports, its settings
 * parser and the service composition the Deno and Worker entries share, the SQL executors a
 * runtime brings, the ports' types and `ApiException` (the error envelope). Runtime-specific parts
 * are subpaths: `@spkey/api/sqlite` (`node:sqlite` executor and migrator), `@spkey/api/deno-kv`
 * and `@spkey/api/durable-object` (shared auth failure tallies, the latter with the Durable
 * Object class a Worker exports); `@spkey/api/store` is the diagnostics store on its own (for
 * tracing it and for measuring its SQL).
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
export type { AppAssets } from "./routes/assets.ts";
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
export { ApiException, type ApiExceptionOptions } from "./errors.ts";
export { resolveRequestId } from "./request_id.ts";
// The SQL executors a runtime brings (SQLite's is `@spkey/api/sqlite/executor`).
export { createD1HttpExecutor, type D1HttpExecutorOptions } from "./store/d1_http_executor.ts";
export {
  createD1BindingExecutor,
  type D1Database,
  type D1PreparedStatement,
  type D1Result,
  type D1Value,
} from "./store/d1_binding_executor.ts";
// The ports: what createApp and createServices are built over, and what a runtime may supply.
export * from "./domain.ts";
export type { CustomerListingCache } from "./threedeye/customer_listing.ts";
export type { TurnkeyDeps } from "./routes/turnkey.ts";
export type { LogSink } from "./logging.ts";
export type { FailureTally, FailureWindow } from "./auth/failure_tally.ts";
export {
  type ClientAddressRule,
  CLOUDFLARE_CLIENT_ADDRESS,
  type TrustedProxy,
} from "./auth/client_ip.ts";
