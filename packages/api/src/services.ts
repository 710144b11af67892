/**
 * `createServices(config, { executor })`: the composition both runtime entries share. It turns
 * parsed settings and a runtime's SQL executor into the app's ports: the store, the 3dEye
 * directory (null when not configured) and the Turnkey client (null when not configured).
 *
 * @module
 */
import { createApiKeyStamper } from "@spkey/contracts/stamp";
import { createTurnkeyClient } from "@spkey/contracts/turnkey";
import { type AppConfig, ConfigError } from "./config.ts";
import type { DiagnosticsStore, SqlExecutor, ThreedeyeDirectory } from "./ports.ts";
import type { TurnkeyDeps } from "./routes/turnkey.ts";
import { createDiagnosticsStore } from "./store/mod.ts";
import { createThreedeyeClient } from "./threedeye/mod.ts";

/** The ports `createApp` needs besides the config. */
export interface Services {
  store: DiagnosticsStore;
  threedeye: ThreedeyeDirectory | null;
  turnkey: TurnkeyDeps | null;
}

/**
 * Builds the services for `config` over `executor`.
 *
 * @throws {ConfigError} When the Turnkey key pair does not belong together.
 *
 * @example
 * ```ts
 * import { createServices, parseConfig } from "@spkey/api";
 * const config = parseConfig({
 *   ADMIN_API_KEYS: "demo-admin-key-0123456789",
 *   JWT_SECRET: "a-demo-jwt-secret-of-at-least-32-characters",
 * });
 * const services = createServices(config, { executor: { batch: () => Promise.resolve([[]]) } });
 * console.assert(services.threedeye === null && services.turnkey === null);
 * ```
 */
export function createServices(
  config: AppConfig,
  options: { executor: SqlExecutor; fetch?: typeof fetch },
): Services {
  const { threedeye, turnkey } = config;
  return {
    store: createDiagnosticsStore(options.executor),
    threedeye: threedeye === null ? null : createThreedeyeClient({
      baseUrl: threedeye.apiBase,
      apiKey: threedeye.apiKey,
      username: threedeye.username,
      password: threedeye.password,
      customerId: threedeye.customerId,
      timeoutMs: threedeye.timeoutMs,
      probeDeadlineMs: threedeye.probeDeadlineMs,
      maxResponseBytes: threedeye.maxResponseBytes,
      pageSize: threedeye.pageSize,
      maxUsers: threedeye.maxUsers,
      pageConcurrency: threedeye.pageConcurrency,
      fetch: options.fetch,
    }),
    turnkey: turnkey === null ? null : {
      client: createTurnkeyClient({
        baseUrl: turnkey.apiBase,
        stamper: turnkeyStamper(turnkey.apiPublicKey, turnkey.apiPrivateKey),
        fetch: options.fetch,
        timeoutMs: turnkey.timeoutMs,
      }),
      organizationId: turnkey.organizationId,
    },
  };
}

function turnkeyStamper(apiPublicKey: string, apiPrivateKey: string) {
  try {
    return createApiKeyStamper({ apiPublicKey, apiPrivateKey });
  } catch (error) {
    // The stamper's message is about key shapes, but it is kept out of the line just in case.
    throw new ConfigError(
      "TURNKEY_API_PUBLIC_KEY and TURNKEY_API_PRIVATE_KEY are not a valid P-256 key pair.",
      { cause: error },
    );
  }
}
