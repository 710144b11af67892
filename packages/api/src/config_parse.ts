/**
 * Small readers for environment settings, each failing with a {@linkcode ConfigError} that names
 * the variable. Values are never put into messages: some of them are secrets.
 *
 * Settings are text. A Worker's `wrangler.jsonc` may also give a var as a JSON number or boolean
 * (`"ADMIN_AUTH_FAILURE_LIMIT": 3`), which workerd passes as that value: it is read as its text
 * (`"3"`), so it is honoured rather than dropped. Any other value under a setting's name (an
 * object or list in `vars`) stops start-up naming the variable, never silently ignored.
 *
 * @module
 */

/** A setting is missing or invalid. The message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Environment variables as both runtimes expose them: Deno's are strings; a Worker's env also
 * holds its bindings and typed vars, of which only the names settings use are read.
 */
export type Env = Readonly<Record<string, unknown>>;

/**
 * The trimmed text of `name`, or undefined when unset or blank.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { ConfigError, readSetting } from "./config_parse.ts";
 * assertEquals(readSetting({ PORT: " 8080 " }, "PORT"), "8080");
 * assertEquals(readSetting({ ADMIN_AUTH_FAILURE_LIMIT: 3 }, "ADMIN_AUTH_FAILURE_LIMIT"), "3");
 * assertThrows(() => readSetting({ CORS_ORIGINS: ["https://a.example"] }, "CORS_ORIGINS"), ConfigError);
 * ```
 */
export function readSetting(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" && typeof raw !== "boolean" && !Number.isFinite(raw)) {
    throw new ConfigError(
      `${name} must be text, a number or a boolean; write a list as comma-separated text.`,
    );
  }
  const value = String(raw).trim();
  return value === "" ? undefined : value;
}

/** A comma-separated list, trimmed, without empty entries. */
export function listSetting(env: Env, name: string): string[] {
  return (readSetting(env, name) ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** An integer within `[min, max]`, or null when unset. */
export function integerSetting(
  env: Env,
  name: string,
  range: { min: number; max: number },
): number | null {
  const raw = readSetting(env, name);
  if (raw === undefined) return null;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name} must be an integer from ${range.min} to ${range.max}.`);
  }
  return value;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * An https URL (plain http only to loopback, for stand-ins), without a trailing slash, or
 * undefined when unset.
 */
export function urlSetting(env: Env, name: string): string | undefined {
  const raw = readSetting(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL.`);
  }
  const secure = url.protocol === "https:" ||
    (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure || url.username !== "" || url.password !== "" || url.search !== "") {
    throw new ConfigError(
      `${name} must be an https URL without credentials or query (http only for localhost).`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * All of `names` or none of them: the values in order, or null when none is set.
 * A partial group fails naming the first missing variable.
 */
export function requireGroup(env: Env, names: readonly string[]): string[] | null {
  const values = names.map((name) => readSetting(env, name));
  if (values.every((v) => v === undefined)) return null;
  const missing = names.find((_, i) => values[i] === undefined);
  if (missing !== undefined) {
    const present = names.filter((_, i) => values[i] !== undefined).join(", ");
    throw new ConfigError(`${missing} is required when ${present} is set.`);
  }
  return values as string[];
}
