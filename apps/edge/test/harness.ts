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
 * @module
 */
import { stopChild, type ThreedeyeStandinOptions } from "@spkey/testkit";
import { demoEnv, prepareDemoDatabase, signDemoJwt, startDemoStandins } from "../src/demo_stack.ts";
import type { DemoStandins } from "../src/demo_stack.ts";

const EDGE_DIR = new URL("../", import.meta.url);
const MAIN = new URL("../main.ts", import.meta.url);
const PASS_THROUGH = ["PATH", "HOME", "DENO_DIR", "DENO_TLS_CA_STORE", "TMPDIR"];

/** Options for {@linkcode startEdgeService}. */
export interface EdgeServiceOptions {
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

function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  for (const name of PASS_THROUGH) {
    const value = Deno.env.get(name);
    if (value !== undefined) base[name] = value;
  }
  return { ...base, PORT: "0", ...env };
}

/**
 * The command that runs an edge script (`main.ts` by default) with exactly `env` (plus PATH, HOME
 * and Deno's cache settings) from `apps/edge`, output piped.
 */
export function edgeCommand(env: Record<string, string>, script: URL = MAIN): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script.pathname],
    // The workspace's deno.json is found from here; the env is the child's whole environment.
    cwd: EDGE_DIR.pathname,
    env: childEnv(env),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Calls `onLine` for every line of `stream` until it ends. */
export async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
) {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    const parts = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) onLine(line);
  }
  if (rest !== "") onLine(rest);
}

/**
 * Runs `main.ts` with `env` until it exits by itself (start-up failures), at most `timeoutMs`.
 */
export async function runEdgeMain(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<EdgeRunResult> {
  const child = edgeCommand(env).spawn();
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
  const child = edgeCommand(options.env).spawn();
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

function listeningPort(line: string): number | null {
  if (!line.startsWith("{")) return null;
  try {
    const parsed = JSON.parse(line);
    return parsed?.msg === "listening" && typeof parsed.port === "number" ? parsed.port : null;
  } catch {
    return null;
  }
}

/** Options for {@linkcode startDemoStack}. */
export interface DemoStackOptions {
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
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-demo-" });
  const databasePath = `${dir}/demo.sqlite`;
  prepareDemoDatabase(databasePath);
  const standins = await startDemoStandins(options.threedeye);
  const adminApiKey = randomSecret("test-admin-key-");
  const jwtSecret = randomSecret("test-jwt-secret-");
  const env = { ...demoEnv({ standins, databasePath, adminApiKey, jwtSecret }), ...options.env };
  let service: RunningEdgeService;
  try {
    service = await startEdgeService({ env });
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
