/**
 * `createServices(config, { executor })`: the composition both runtime entries share. It turns
 * parsed settings and a runtime's SQL executor into the app's ports: the store, 3dEye (the
 * client behind the customer's listing cache; null when not configured) and the Turnkey client
 * (null when not configured).
 * Nothing here loads the Turnkey signer: it is loaded on the first Turnkey lookup
 * (`turnkey_stamper.ts`), so building the services costs no curve arithmetic.
 *
 * @module
 */
import { createTurnkeyClient } from "@spkey/contracts/turnkey";
import type { Tracer } from "@spkey/contracts/upstream";
import type { AppConfig } from "./config.ts";
import type { DiagnosticsStore, SqlExecutor } from "./domain.ts";
import type { TurnkeyDeps } from "./routes/turnkey.ts";
import { createDiagnosticsStore } from "./store/diagnostics_store.ts";
import {
  createCustomerListingCache,
  createThreedeyeClient,
  type CustomerListingCache,
} from "./threedeye/mod.ts";
import { createDeferredApiKeyStamper } from "./turnkey_stamper.ts";

/** The ports `createApp` needs besides the config. */
export interface Services {
  store: DiagnosticsStore;
  threedeye: CustomerListingCache | null;
  turnkey: TurnkeyDeps | null;
}

/**
 * Builds the services for `config` over `executor`. A Turnkey key pair whose halves do not belong
 * together is found on the first Turnkey lookup, which then fails with a `ConfigError` (the route
 * answers 500); `parseConfig` has already rejected malformed keys.
 *
 * @param config The parsed settings.
 * @param options The SQL executor; optionally the `fetch` for upstream calls, the `tracer` their
 *   spans go to (default none), and the clock (ms since the epoch) the 3dEye listing's age is
 *   measured with (benchmarks). The store's reads are traced by wrapping it
 *   (`traceDiagnosticsStore`), which the Deno entry does: the Worker bundle stays without it.
 * @returns The app's ports.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createServices, parseConfig } from "@spkey/api";
 * const config = parseConfig({
 *   ADMIN_API_KEYS: "demo-admin-key-0123456789",
 *   JWT_SECRET: "a-demo-jwt-secret-of-at-least-32-characters",
 * });
 * const services = createServices(config, { executor: { batch: () => Promise.resolve([[]]) } });
 * assertEquals([services.threedeye, services.turnkey], [null, null]);
 * ```
 */
export function createServices(
  config: AppConfig,
  options: { executor: SqlExecutor; fetch?: typeof fetch; tracer?: Tracer; now?: () => number },
): Services {
  const { threedeye, turnkey } = config;
  const { tracer } = options;
  return {
    store: createDiagnosticsStore(options.executor),
    threedeye: threedeye === null ? null : createCustomerListingCache(
      createThreedeyeClient({
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
        tracer,
      }),
      { ttlMs: threedeye.listingTtlSeconds * 1000, now: options.now },
    ),
    turnkey: turnkey === null ? null : {
      client: createTurnkeyClient({
        baseUrl: turnkey.apiBase,
        stamper: createDeferredApiKeyStamper({
          apiPublicKey: turnkey.apiPublicKey,
          apiPrivateKey: turnkey.apiPrivateKey,
        }),
        fetch: options.fetch,
        timeoutMs: turnkey.timeoutMs,
        tracer,
      }),
      organizationId: turnkey.organizationId,
    },
  };
}
