/**
 * `spkey-diagnose`: prints one user's 3dEye provisioning diagnostics from a running instance,
 * for support engineers on a live incident.
 *
 * ```sh
 * deno task diagnose 11111111-1111-4111-8111-111111111111 --key "$KEY" --jwt "$JWT"
 * deno run --allow-net --allow-env apps/cli/main.ts <userId> --json
 * ```
 *
 * @module
 */
import { parseDiagnoseArgs, USAGE, UsageError } from "./src/args.ts";
import { fetchReport, ReportRequestError } from "./src/fetch_report.ts";
import { exitCodeFor, renderReport } from "./src/render.ts";

/**
 * Runs the command and returns its exit code (see `--help`).
 *
 * @param argv Arguments after the program name.
 * @param io Where to write; injectable for tests.
 * @returns The exit code.
 */
export async function main(
  argv: string[],
  io: {
    out: (text: string) => void;
    err: (text: string) => void;
    env: (name: string) => string | undefined;
    isTerminal: boolean;
    fetch?: typeof fetch;
  },
): Promise<number> {
  let options;
  try {
    options = parseDiagnoseArgs(argv, io.env, io.isTerminal);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`error: ${error.message}\n\n${USAGE}`);
    return 3;
  }
  if (options === "help") {
    io.out(USAGE);
    return 0;
  }
  try {
    const report = await fetchReport({ ...options, fetch: io.fetch });
    io.out(options.json ? JSON.stringify(report, null, 2) : renderReport(report, options.color));
    return exitCodeFor(report);
  } catch (error) {
    if (!(error instanceof ReportRequestError)) throw error;
    const ref = error.requestId ? ` (requestId ${error.requestId})` : "";
    io.err(`error: ${error.message}${ref}`);
    return 4;
  }
}

if (import.meta.main) {
  const code = await main(Deno.args, {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    env: (name) => Deno.env.get(name),
    isTerminal: Deno.stdout.isTerminal(),
  });
  Deno.exit(code);
}
