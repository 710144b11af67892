/**
 * The one line the Deno entry prints when it cannot start: `error: <message>`, no stack, no
 * secret (config errors never quote values; other messages are cut to their first line).
 *
 * @module
 */
import { ConfigError, StoreUnavailableError } from "@spkey/api";

/**
 * Formats a start-up failure as one line.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ConfigError } from "@spkey/api";
 * import { startupErrorLine } from "./startup_error.ts";
 * const line = startupErrorLine(new ConfigError("ADMIN_API_KEYS is required."));
 * assertEquals(line, "error: ADMIN_API_KEYS is required.");
 * ```
 */
export function startupErrorLine(error: unknown): string {
  if (error instanceof ConfigError || error instanceof StoreUnavailableError) {
    return `error: ${firstLine(error.message)}`;
  }
  if (error instanceof Deno.errors.AddrInUse) {
    return "error: The port is already in use (set PORT to a free one).";
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error: Starting the service failed: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  return text.split("\n")[0].trim().slice(0, 300);
}
