/**
 * Starts the Deno edge service from environment variables: settings → database and auth failure
 * store → services → app → `Deno.serve`. Shared by `main.ts` (production and local default) and
 * `dev.ts` (demo). The client address of a request is its connection's remote address (on Deno
 * Deploy: the client's), or the hop a trusted proxy appended when `TRUSTED_PROXY_HEADER` and
 * `TRUSTED_PROXY_HOPS` name one.
 *
 * Each of the settings' warnings (valid but risky, e.g. a JWKS without issuer and audience) is
 * printed first as one JSON line, `{"level":"warn","msg":"config warning","warning":"…"}`.
 * Once listening it prints one JSON line, e.g.
 * `{"level":"info","msg":"listening","hostname":"127.0.0.1","port":8787,"database":"sqlite"}`,
 * which is how a parent process learns the port when `PORT=0` lets the OS choose.
 *
 * Traces: with `OTEL_DENO=true` Deno exports a server span per request and a client span per
 * `fetch`; the app adds its own through {@linkcode openTelemetryTracer}: the route and request id
 * on the server span, a span per database read and per upstream call (README, "Observability").
 *
 * @module
 */
import { createApp, createServices, parseConfig } from "@spkey/api";
import { traceDiagnosticsStore } from "@spkey/api/store";
import type { Context } from "hono";
import { type OpenDatabase, openDatabase } from "./database.ts";
import { openFailureStore } from "./failure_store.ts";
import { openTelemetryTracer } from "./open_telemetry_tracer.ts";
import { batchedStdoutSink } from "./stdout_log_sink.ts";
import { widgetAssets } from "./widget_assets.ts";

/** The default port when `PORT` is unset. */
export const DEFAULT_PORT = 8787;

/** A running edge service. */
export interface EdgeService {
  hostname: string;
  port: number;
  database: OpenDatabase;
  /** Stops serving and closes the database and the auth failure store. */
  close(): Promise<void>;
}

/**
 * Parses `env`, opens the database and the auth failure store, and serves the app.
 *
 * @throws {ConfigError} On a missing or invalid setting (one line naming it).
 */
export async function startEdge(env: Record<string, string | undefined>): Promise<EdgeService> {
  const config = parseConfig(env);
  for (const warning of config.warnings) {
    console.log(JSON.stringify({ level: "warn", msg: "config warning", warning }));
  }
  // Not HOSTNAME: Docker and many shells set that to the machine name.
  const hostname = env.LISTEN_HOSTNAME?.trim() || "127.0.0.1";
  const tracer = openTelemetryTracer();
  const database = await openDatabase(config, { tracer });
  const failures = await openFailureStore(config);
  try {
    const services = createServices(config, { executor: database.executor, tracer });
    const system = database.kind === "sqlite" ? "sqlite" : "cloudflare_d1";
    const app = createApp({
      config,
      ...services,
      store: traceDiagnosticsStore(services.store, tracer, system),
      assets: widgetAssets(),
      logger: batchedStdoutSink(),
      clientAddress: { connectionAddress: remoteAddress, trustedProxy: config.trustedProxy },
      failureTally: failures.tally ?? undefined,
      tracer,
    });
    const server = Deno.serve({
      hostname,
      port: config.port ?? DEFAULT_PORT,
      onListen: () => {},
    }, app.fetch);
    const { port } = server.addr;
    console.log(
      JSON.stringify({ level: "info", msg: "listening", hostname, port, database: database.kind }),
    );
    return {
      hostname,
      port,
      database,
      async close() {
        await server.shutdown();
        database.close();
        failures.close();
      },
    };
  } catch (error) {
    database.close();
    failures.close();
    throw error;
  }
}

// Deno.serve hands Hono the connection info as `c.env`.
function remoteAddress(c: Context): string | null {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname ?? null;
}
