/**
 * Runs the workspace's wrangler (from `node_modules`, under Node) with telemetry, update checks
 * and Cloudflare's `request.cf` download turned off, so every command works offline.
 *
 * @module
 */
import { nodeModulesPath, WORKER_DIR } from "./node_modules_path.ts";

export { WORKER_DIR } from "./node_modules_path.ts";

/** The environment every wrangler run gets on top of the caller's. */
export const OFFLINE_WRANGLER_ENV: Readonly<Record<string, string>> = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  // The banner's update check asks the npm registry; nothing here should wait on the network.
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  DO_NOT_TRACK: "1",
  // Process env must never leak into the Worker's bindings.
  CLOUDFLARE_INCLUDE_PROCESS_ENV: "false",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};

/** Options of {@linkcode wranglerCommand}. */
export interface WranglerCommandOptions {
  /** Extra environment variables for this run. */
  env?: Record<string, string>;
  stdout?: "piped" | "inherit" | "null";
  stderr?: "piped" | "inherit" | "null";
}

/** A `Deno.Command` that runs `wrangler <args>` in the Worker member's folder. */
export function wranglerCommand(
  args: string[],
  options: WranglerCommandOptions = {},
): Deno.Command {
  return new Deno.Command("node", {
    args: [nodeModulesPath("wrangler/bin/wrangler.js"), ...args],
    cwd: WORKER_DIR,
    env: { ...OFFLINE_WRANGLER_ENV, ...options.env },
    stdin: "null",
    stdout: options.stdout ?? "piped",
    stderr: options.stderr ?? "piped",
  });
}

/**
 * Runs `wrangler <args>` to completion and returns its output.
 *
 * @throws {Error} Naming the command and quoting wrangler's output when it exits non-zero.
 */
export async function runWrangler(
  args: string[],
  options: WranglerCommandOptions = {},
): Promise<string> {
  const { code, stdout, stderr } = await wranglerCommand(args, options).output();
  const out = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  if (code !== 0) {
    throw new Error(
      `Running wrangler ${args.slice(0, 3).join(" ")} failed (exit ${code}):\n${out.trim()}`,
    );
  }
  return out;
}
