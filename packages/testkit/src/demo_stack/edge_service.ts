/**
 * Launches the real Deno edge service (`deno run -A apps/edge/main.ts`) as a SUBPROCESS with a
 * given environment, for tests and benchmarks. The child gets a clean environment (only what is
 * passed plus PATH/HOME/Deno cache settings), `PORT=0` by default, and the harness learns the
 * port from the service's `{"msg":"listening",…}` line. Every stdout/stderr line is captured in
 * `logs` so tests can prove no secret was logged.
 *
 * `startDemoStack()` adds the demo around it: a temporary seeded SQLite file, the 3dEye and
 * Turnkey stand-ins, fresh random admin credentials and a JWT maker.
 *
 * The edge app depends on this package (its local demo runs the stand-ins), so this module does
 * not import it: the caller passes the entry to run and, for the demo, how to prepare its
 * database, as an {@linkcode EdgeApp} (the edge app exports one as `EDGE_APP` from
 * `@spkey/edge/demo`).
 *
 * @module
 */
import { stopChild } from "../process/child_process.ts";
import { denoRunCommand } from "../process/deno_command.ts";
import { readLines } from "../process/lines.ts";
import { listeningPort } from "../process/listening_process.ts";
import { signDemoJwt } from "../demo_credentials.ts";
import type { ThreedeyeStandinOptions } from "../threedeye_standin.ts";
import { demoEnv, type DemoStandins, startDemoStandins } from "./demo_standins.ts";

/** What the harness needs to know about the edge app. */
export interface EdgeApp {
  /** The service's entry (`apps/edge/main.ts`); it runs from its folder. */
  main: URL;
  /** Creates (if needed), migrates and seeds the demo SQLite file at `path`. */
  prepareDemoDatabase(path: string): void;
}

/** Options for {@linkcode startEdgeService}. */
export interface EdgeServiceOptions {
  /** The service's entry (`apps/edge/main.ts`, see {@linkcode EdgeApp}). */
  main: URL;
  /** The service's environment (settings); PORT defaults to 0. */
  env: Record<string, string>;
  /** How long to wait for the listening line and /healthz (default 30 s). */
  startTimeoutMs?: number;
}

/** A running edge service subprocess. */
export interface RunningEdgeService {
  baseUrl: string;
  port: number;
  /** The subprocess's id (to read its memory). */
  pid: number;
  /** Captured stdout and stderr lines, in arrival order. */
  logs: string[];
  /** Parsed JSON log lines from stdout. */
  jsonLogs(): Array<Record<string, unknown>>;
  /** Stops the subprocess (SIGTERM) and waits for it. */
  close(): Promise<void>;
}

/** The result of a run that is expected to stop by itself. */
export interface EdgeRunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The command that runs an edge script (`main.ts`, or another script of the app) with exactly
 * `env` (plus PATH, HOME and Deno's cache settings; `PORT` 0 unless given) from the script's
 * folder, output piped.
 */
export function edgeCommand(script: URL, env: Record<string, string>): Deno.Command {
  // The workspace's deno.json is found from the script's folder.
  return denoRunCommand(script, { env: { PORT: "0", ...env } });
}

/**
 * Runs `main` with `env` until it exits by itself (start-up failures), at most `timeoutMs`.
 */
export async function runEdgeMain(
  main: URL,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<EdgeRunResult> {
  const child = edgeCommand(main, env).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    const { code, stdout, stderr } = await child.output();
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return { code, stdout: decode(stdout), stderr: decode(stderr) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts `main.ts` with `env` on a free port and waits until `/healthz` answers 200.
 *
 * @throws {Error} With the child's stderr when it exits or does not listen in time.
 */
export async function startEdgeService(options: EdgeServiceOptions): Promise<RunningEdgeService> {
  const child = edgeCommand(options.main, options.env).spawn();
  const logs: string[] = [];
  let announce: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => (announce = resolve));
  const readers = Promise.all([
    readLines(child.stdout, (line) => {
      logs.push(line);
      const port = listeningPort(line);
      if (port !== null) announce(port);
    }),
    readLines(child.stderr, (line) => logs.push(line)),
  ]);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await stopChild(child);
    await readers;
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    listening.then((port) => ({ port })),
    child.status.then((status) => ({ exited: status.code })),
    new Promise<{ timeout: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!("port" in outcome)) {
    await close();
    const why = "exited" in outcome
      ? `exited with code ${outcome.exited}`
      : "did not listen in time";
    throw new Error(`Starting the edge service failed: it ${why}\n${logs.join("\n")}`);
  }
  const baseUrl = `http://127.0.0.1:${outcome.port}`;
  try {
    const health = await fetch(`${baseUrl}/healthz`);
    await health.body?.cancel();
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    baseUrl,
    port: outcome.port,
    pid: child.pid,
    logs,
    jsonLogs: () =>
      logs.flatMap((line) => {
        try {
          const parsed = JSON.parse(line);
          return typeof parsed === "object" && parsed !== null ? [parsed] : [];
        } catch {
          return [];
        }
      }),
    close,
  };
}

/** Options for {@linkcode startDemoStack}. */
export interface DemoStackOptions {
  /** The edge app to run (`EDGE_APP` from `@spkey/edge/demo`). */
  edge: EdgeApp;
  /** Extra or overriding settings for the edge service. */
  env?: Record<string, string>;
  /** Options for the 3dEye stand-in (users, latency, …). */
  threedeye?: ThreedeyeStandinOptions;
}

/** The demo stack: edge service, stand-ins, credentials. */
export interface DemoStack {
  service: RunningEdgeService;
  standins: DemoStandins;
  baseUrl: string;
  adminApiKey: string;
  jwtSecret: string;
  /** The settings the service was started with (they hold the secrets a log must not show). */
  env: Record<string, string>;
  databasePath: string;
  urls: { admin: string; docs: string; openapi: string; healthz: string };
  /** Signs an HS256 JWT for the demo admin (claims override). */
  makeJwt(claims?: Record<string, unknown>): Promise<string>;
  /** Headers with the admin key and a fresh demo-admin JWT. */
  adminHeaders(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

function randomSecret(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Seeds a temporary SQLite file, starts the 3dEye and Turnkey stand-ins and the edge service
 * with matching settings and fresh random credentials.
 */
export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-demo-" });
  const databasePath = `${dir}/demo.sqlite`;
  options.edge.prepareDemoDatabase(databasePath);
  const standins = await startDemoStandins(options.threedeye);
  const adminApiKey = randomSecret("test-admin-key-");
  const jwtSecret = randomSecret("test-jwt-secret-");
  const env = { ...demoEnv({ standins, databasePath, adminApiKey, jwtSecret }), ...options.env };
  let service: RunningEdgeService;
  try {
    service = await startEdgeService({ main: options.edge.main, env });
  } catch (error) {
    await standins.close();
    await Deno.remove(dir, { recursive: true });
    throw error;
  }
  const makeJwt = (claims: Record<string, unknown> = {}) => signDemoJwt(jwtSecret, claims);
  const baseUrl = service.baseUrl;
  return {
    service,
    standins,
    baseUrl,
    adminApiKey,
    jwtSecret,
    env,
    databasePath,
    urls: {
      admin: `${baseUrl}/admin`,
      docs: `${baseUrl}/docs`,
      openapi: `${baseUrl}/openapi.json`,
      healthz: `${baseUrl}/healthz`,
    },
    makeJwt,
    adminHeaders: async () => ({
      "x-admin-api-key": adminApiKey,
      authorization: `Bearer ${await makeJwt()}`,
    }),
    async close() {
      await service.close();
      await standins.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
