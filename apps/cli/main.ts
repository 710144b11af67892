/**
 * `spkey-diagnose`: prints one user's 3dEye provisioning diagnostics from a running instance,
 * for support engineers on a live incident. The user is given by id, or by the email on the
 * support ticket: one matching user gets their report, none or several get the search answer.
 *
 * ```sh
 * deno task diagnose 11111111-1111-4111-8111-111111111111 --key "$KEY" --jwt "$JWT"
 * deno task diagnose alice@example.com --key "$KEY" --jwt "$JWT"
 * deno run --allow-net --allow-env apps/cli/main.ts <userId|email> --json
 * ```
 *
 * @module
 */
import { type DiagnoseOptions, parseDiagnoseArgs, USAGE, UsageError } from "./src/args.ts";
import { AdminRequestError, fetchReport, searchUsersByEmail } from "./src/admin_api.ts";
import { EXIT_CODES } from "./src/exit_codes.ts";
import { exitCodeFor, renderReport } from "./src/render.ts";
import { renderSearch, searchHeadline } from "./src/render_search.ts";

/** Where the command writes and what it reads; injectable for tests. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: (name: string) => string | undefined;
  isTerminal: boolean;
  fetch?: typeof fetch;
}

/**
 * Runs the command and returns its exit code (see `--help` and `src/exit_codes.ts`).
 *
 * @param argv Arguments after the program name.
 * @param io Where to write; injectable for tests.
 * @returns The exit code.
 */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  let options;
  try {
    options = parseDiagnoseArgs(argv, io.env, io.isTerminal);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`error: ${error.message}\n\n${USAGE}`);
    return EXIT_CODES.usage;
  }
  if (options === "help") {
    io.out(USAGE);
    return EXIT_CODES.ok;
  }
  try {
    return options.subject.kind === "userId"
      ? await diagnose(options, options.subject.userId, io)
      : await diagnoseByEmail(options, options.subject.email, io);
  } catch (error) {
    if (!(error instanceof AdminRequestError)) throw error;
    const ref = error.requestId ? ` (requestId ${error.requestId})` : "";
    io.err(`error: ${error.message}${ref}`);
    return EXIT_CODES.requestFailed;
  }
}

async function diagnose(
  options: DiagnoseOptions,
  userId: string,
  io: CommandIo,
  headline?: string,
): Promise<number> {
  const report = await fetchReport({ ...options, userId, fetch: io.fetch });
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else {
    const text = renderReport(report, options.color);
    io.out(headline === undefined ? text : `${headline}\n\n${text}`);
  }
  return exitCodeFor(report);
}

/** One user with the address: their report. None or several: the search answer. */
async function diagnoseByEmail(
  options: DiagnoseOptions,
  email: string,
  io: CommandIo,
): Promise<number> {
  const answer = await searchUsersByEmail({ ...options, email, fetch: io.fetch });
  const [only] = answer.candidates;
  if (answer.candidates.length === 1 && !answer.truncated) {
    return await diagnose(options, only.userId, io, searchHeadline(answer));
  }
  io.out(options.json ? JSON.stringify(answer, null, 2) : renderSearch(answer, options.color));
  return answer.candidates.length === 0 ? EXIT_CODES.noMatch : EXIT_CODES.severalMatches;
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
