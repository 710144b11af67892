/**
 * Starts the bench server (`bench_server.ts`) as its own Deno process with exactly the given
 * settings (plus PATH, HOME and Deno's cache settings), and waits until it listens.
 *
 * @module
 */
import {
  denoRunCommand,
  type ListeningProcess,
  startListeningProcess,
} from "@spkey/testkit/process";

const BENCH_DIR = new URL("../../", import.meta.url);
const BENCH_SERVER = new URL("./bench_server.ts", import.meta.url);

/**
 * Starts the bench server with `env` (see `bench_server.ts` for what it needs).
 *
 * @throws {Error} With its stderr when it does not start.
 */
export function startBenchServer(env: Record<string, string>): Promise<ListeningProcess> {
  const command = denoRunCommand(BENCH_SERVER, { env, cwd: BENCH_DIR });
  return startListeningProcess(command, { name: "the bench server" });
}
