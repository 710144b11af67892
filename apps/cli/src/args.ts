/**
 * Command-line arguments of `spkey-diagnose`: flags first, environment second.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** Whom to diagnose: a user id, or an email to find the user by. */
export type DiagnoseSubject =
  | { kind: "userId"; userId: string }
  | { kind: "email"; email: string };

/** What the command was asked to do. */
export interface DiagnoseOptions {
  subject: DiagnoseSubject;
  baseUrl: string;
  adminKey: string;
  jwt: string;
  json: boolean;
  color: boolean;
  timeoutMs: number;
}

/** The command line was not usable; the message says which flag or variable to fix. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Usage text printed by `--help` and after a usage error. */
export const USAGE = `Usage: deno task diagnose <userId|email> [options]

  <userId>  the user's UUID: prints the diagnostics report.
  <email>   anything with an "@": finds the users with that address (letter case ignored).
            One user: prints their report. None or several: prints the search answer
            (each user's id, email, 3dEye mapping yes/no and creation time).

Options:
  --url <url>        Base URL of the diagnostics service   (env SPKEY_URL, default http://127.0.0.1:8787)
  --key <key>        Admin API key                          (env SPKEY_ADMIN_KEY)
  --jwt <token>      Admin JWT                              (env SPKEY_JWT)
  --json             Print the raw report (or search answer) as JSON (for scripts)
  --no-color         Plain text (also when NO_COLOR is set or stdout is not a terminal)
  --timeout <ms>     Request timeout in milliseconds (default 10000)
  -h, --help         Show this help

Exit codes: 0 all good or informational, 1 warnings, 2 errors found,
            3 usage error, 4 the request failed (HTTP error or network),
            5 no user has the email, 6 several users have the email.`;

/**
 * Parses argv and environment into {@linkcode DiagnoseOptions}.
 *
 * @param argv The arguments after the program name.
 * @param env Environment lookup (flags win over it).
 * @param isTerminal Whether stdout is a terminal (colour default).
 * @returns The options, or `"help"` when help was asked for.
 * @throws {UsageError} When a required value is missing or malformed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseDiagnoseArgs } from "./args.ts";
 * const opts = parseDiagnoseArgs(
 *   ["alice@example.com", "--key", "k", "--jwt", "j", "--json"],
 *   () => undefined,
 *   false,
 * );
 * assertEquals(opts !== "help" && [opts.subject, opts.json], [
 *   { kind: "email", email: "alice@example.com" },
 *   true,
 * ]);
 * ```
 */
export function parseDiagnoseArgs(
  argv: string[],
  env: (name: string) => string | undefined,
  isTerminal: boolean,
): DiagnoseOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: "string" },
        key: { type: "string" },
        jwt: { type: "string" },
        json: { type: "boolean", default: false },
        "no-color": { type: "boolean", default: false },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError("Expected exactly one <userId|email> argument");
  }
  const baseUrl = values.url ?? env("SPKEY_URL") ?? "http://127.0.0.1:8787";
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--url is not a valid URL: ${baseUrl}`);
  }
  const adminKey = values.key ?? env("SPKEY_ADMIN_KEY");
  if (!adminKey) throw new UsageError("Missing admin key: pass --key or set SPKEY_ADMIN_KEY");
  const jwt = values.jwt ?? env("SPKEY_JWT");
  if (!jwt) throw new UsageError("Missing JWT: pass --jwt or set SPKEY_JWT");
  const timeoutMs = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`--timeout must be a positive integer of milliseconds`);
  }
  const color = !values["no-color"] && env("NO_COLOR") === undefined && isTerminal;
  return {
    subject: subjectOf(positionals[0]),
    baseUrl: baseUrl.replace(/\/+$/, ""),
    adminKey,
    jwt,
    json: values.json,
    color,
    timeoutMs,
  };
}

/**
 * A UUID never holds an "@", an address always does; the service checks the rest (a malformed
 * one is its 400), so that the command and the API cannot disagree about what an email is.
 */
function subjectOf(argument: string): DiagnoseSubject {
  return argument.includes("@")
    ? { kind: "email", email: argument.trim() }
    : { kind: "userId", userId: argument };
}
