/**
 * Writes Worker settings as a dotenv file for `wrangler dev --env-file`: the settings reach the
 * Worker as secret bindings, stay out of the process list, and (because an explicit env file is
 * given) a developer's own `.dev.vars` cannot leak into a test run.
 *
 * @module
 */

/**
 * Formats `vars` as dotenv lines, each value single-quoted (taken literally, newlines included).
 *
 * @throws {TypeError} When a name is not an identifier or a value holds `'` or `$` (wrangler
 *   expands `$NAME` in env files, and single quotes cannot be escaped).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatDevVars } from "./dev_vars_file.ts";
 * assertEquals(formatDevVars({ ADMIN_API_KEYS: "k1,k2" }), "ADMIN_API_KEYS='k1,k2'\n");
 * ```
 */
export function formatDevVars(vars: Readonly<Record<string, string>>): string {
  return Object.entries(vars).map(([name, value]) => {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) {
      throw new TypeError(
        `Formatting dev vars failed: ${name} is not an upper-case variable name.`,
      );
    }
    if (value.includes("'") || value.includes("$")) {
      throw new TypeError(`Formatting dev vars failed: the value of ${name} holds ' or $.`);
    }
    return `${name}='${value}'\n`;
  }).join("");
}

/** Writes {@linkcode formatDevVars} of `vars` to `path` (owner-readable only). */
export async function writeDevVarsFile(
  path: string,
  vars: Readonly<Record<string, string>>,
): Promise<void> {
  await Deno.writeTextFile(path, formatDevVars(vars), { mode: 0o600 });
}
