/**
 * The Deno subprocesses that tests and benchmarks start (the edge service, the bench server, probes)
 * run with exactly the settings they are given: a clean environment plus the few variables a Deno
 * child needs to find its cache, so nothing of the parent's environment leaks into a measurement
 * or a test of configuration.
 *
 * @module
 */

const PASS_THROUGH = ["PATH", "HOME", "DENO_DIR", "DENO_TLS_CA_STORE", "TMPDIR"];

/**
 * `env` plus PATH, HOME and Deno's cache settings from this process, no update check, no colour.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { denoChildEnv } from "@spkey/testkit/process";
 * const env = denoChildEnv({ PORT: "0" });
 * assertEquals(env.PORT, "0");
 * assertEquals(env.DENO_NO_UPDATE_CHECK, "1");
 * assertEquals(env.PATH, Deno.env.get("PATH"));
 * ```
 */
export function denoChildEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  for (const name of PASS_THROUGH) {
    const value = Deno.env.get(name);
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...env };
}

/** Options for {@linkcode denoRunCommand}. */
export interface DenoRunOptions {
  /** The child's settings; its whole environment apart from {@linkcode denoChildEnv}'s. */
  env: Record<string, string>;
  /** Where it runs (the workspace's deno.json is found from there); default: the script's folder. */
  cwd?: URL;
}

/**
 * `deno run -A <script>` with exactly `options.env` (see {@linkcode denoChildEnv}), stdin closed,
 * stdout and stderr piped.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { denoRunCommand } from "@spkey/testkit/process";
 * const script = new URL("data:application/javascript,console.log(Deno.env.get('GREETING'))");
 * const { stdout } = await denoRunCommand(script, { env: { GREETING: "hi" }, cwd: new URL("file:///tmp/") }).output();
 * assertEquals(new TextDecoder().decode(stdout), "hi\n");
 * ```
 */
export function denoRunCommand(script: URL, options: DenoRunOptions): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script.protocol === "file:" ? script.pathname : script.href],
    cwd: (options.cwd ?? new URL(".", script)).pathname,
    env: denoChildEnv(options.env),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}
