/**
 * Starts the bench server (`bench_server.ts`) as its own Deno process with exactly the given
 * settings (plus PATH, HOME and Deno's cache settings), and waits until it listens.
 *
 * @module
 */
import { type ListeningProcess, startListeningProcess } from "./listening_process.ts";

const BENCH_DIR = new URL("../", import.meta.url);
const BENCH_SERVER = new URL("./bench_server.ts", import.meta.url);
const PASS_THROUGH = ["PATH", "HOME", "DENO_DIR", "DENO_TLS_CA_STORE", "TMPDIR"];

/** `env` plus the few variables a Deno child needs to find its cache. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  for (const name of PASS_THROUGH) {
    const value = Deno.env.get(name);
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...env };
}

/**
 * Starts the bench server with `env` (see `bench_server.ts` for what it needs).
 *
 * @throws {Error} With its stderr when it does not start.
 */
export function startBenchServer(env: Record<string, string>): Promise<ListeningProcess> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", BENCH_SERVER.pathname],
    cwd: BENCH_DIR.pathname,
    env: childEnv(env),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
  return startListeningProcess(command, { name: "the bench server" });
}
