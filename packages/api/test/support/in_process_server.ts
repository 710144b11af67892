/**
 * The in-process conformance runner's server: `createApp` over the real service composition
 * (`createServices`) with a migrated, demo-seeded SQLite file opened read-only, the 3dEye and
 * Turnkey stand-ins on loopback, served by `Deno.serve` on a free loopback port.
 *
 * @module
 */
import {
  DEMO_CUSTOMER_ID,
  DEMO_THREEDEYE_CREDENTIALS,
  seedDemoData,
  startThreedeyeStandin,
  startTurnkeyStandin,
  turnkeyDemoUser,
  turnkeyStandinApiKey,
} from "@spkey/testkit";
import { createApp } from "../../src/app.ts";
import { type Env, parseConfig } from "../../src/config.ts";
import { createServices } from "../../src/services.ts";
import { createSqliteExecutor, migrateSqlite } from "../../src/store/sqlite.ts";
import { signHs256, type StartedTarget } from "@spkey/testkit/conformance";

const ADMIN_KEY = "conformance-admin-key-0123456789";
const JWT_SECRET = "conformance-jwt-secret-0123456789abcdefgh";
const ISSUER = "https://auth.smartphonekey.test";
const AUDIENCE = "spkey-admin";
const ORIGIN = "https://admin.smartphonekey.test";

/** Which integrations the server is started with. */
export interface InProcessOptions {
  threedeye: boolean;
  turnkey: boolean;
  widget: boolean;
  /** Receives the server's log lines (default: dropped). */
  logger?: (line: Record<string, unknown>) => void;
}

/** Starts the server and returns its conformance target. */
export async function startInProcessServer(options: InProcessOptions): Promise<StartedTarget> {
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const dir = await Deno.makeTempDir({ prefix: "spkey-conformance-" });
    closers.push(() => Deno.remove(dir, { recursive: true }));
    const dbPath = `${dir}/demo.sqlite`;
    migrateSqlite(dbPath);
    seedDemoData(dbPath);
    const executor = createSqliteExecutor(dbPath);
    closers.push(() => executor.close());

    const env: Env = {
      ADMIN_API_KEYS: `${ADMIN_KEY},another-configured-key-0123456789`,
      JWT_SECRET,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      CORS_ORIGINS: ORIGIN,
      ADMIN_AUTH_FAILURE_LIMIT: "100000",
    };
    if (options.threedeye) {
      const threedeye = startThreedeyeStandin();
      closers.push(() => threedeye.close());
      Object.assign(env, {
        THREEDEYE_API_BASE: threedeye.url,
        THREEDEYE_API_KEY: DEMO_THREEDEYE_CREDENTIALS.apiKey,
        THREEDEYE_USERNAME: DEMO_THREEDEYE_CREDENTIALS.username,
        THREEDEYE_PASSWORD: DEMO_THREEDEYE_CREDENTIALS.password,
        THREEDEYE_CUSTOMER_ID: DEMO_CUSTOMER_ID,
      });
    }
    let organizationId = "";
    if (options.turnkey) {
      const turnkey = await startTurnkeyStandin();
      closers.push(() => turnkey.close());
      organizationId = turnkey.organizationId;
      Object.assign(env, {
        TURNKEY_API_BASE: turnkey.url,
        TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
        TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
        TURNKEY_ORGANIZATION_ID: organizationId,
      });
    }

    const config = parseConfig(env);
    const app = createApp({
      config,
      ...createServices(config, { executor }),
      logger: options.logger ?? (() => {}),
      assets: options.widget
        ? {
          widgetJs: () =>
            Promise.resolve("customElements.define('x-demo', class extends HTMLElement {});\n"),
        }
        : undefined,
      clientAddress: {
        connectionAddress: (c) =>
          (c.env as Deno.ServeHandlerInfo<Deno.NetAddr> | undefined)?.remoteAddr.hostname,
      },
    });
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      (request, info) => app.fetch(request, info),
    );
    closers.push(() => server.shutdown());

    return {
      target: {
        baseUrl: `http://127.0.0.1:${server.addr.port}`,
        adminKey: ADMIN_KEY,
        signJwt: (claims) => signHs256(claims, JWT_SECRET),
        jwtAlgorithm: "HS256",
        issuer: ISSUER,
        audience: AUDIENCE,
        allowedOrigin: ORIGIN,
        threedeye: options.threedeye ? "demo" : "unconfigured",
        turnkey: options.turnkey
          ? { organizationId, userId: turnkeyDemoUser.userId }
          : "unconfigured",
        widget: options.widget ? "served" : "absent",
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
