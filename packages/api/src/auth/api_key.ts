/**
 * Admin API key check. The presented key is compared with every configured key (several may be
 * valid during rotation) without stopping early, in time that depends only on the PRESENTED key's
 * length, which the caller knows anyway: neither the length nor a common prefix of a configured key
 * leaks through timing. Synchronous on purpose: a WebCrypto digest per request is an async op (a
 * thread hop in Deno) on the hot path.
 *
 * @module
 */

/** Checks a presented admin API key against the configured ones. */
export type ApiKeyVerifier = (presented: string) => boolean;

/** Whether `presented` equals `configured`, comparing every position of `presented`. */
function keysEqual(presented: string, configured: string): boolean {
  let diff = presented.length ^ configured.length;
  for (let i = 0; i < presented.length; i++) {
    // Past the configured key's end charCodeAt gives NaN, which `| 0` turns into 0.
    diff |= presented.charCodeAt(i) ^ (configured.charCodeAt(i) | 0);
  }
  return diff === 0;
}

/**
 * A verifier over `keys` (at least one).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { createApiKeyVerifier } from "./api_key.ts";
 * const verify = createApiKeyVerifier(["old-admin-key-0123456789", "new-admin-key-0123456789"]);
 * assert(await verify("new-admin-key-0123456789"));
 * assert(!(await verify("guess")));
 * ```
 */
export function createApiKeyVerifier(keys: readonly string[]): ApiKeyVerifier {
  if (keys.length === 0) throw new TypeError("Cannot create an API key verifier without keys.");
  const configured = [...keys];
  return (presented) => {
    let matched = 0;
    for (const key of configured) matched |= keysEqual(presented, key) ? 1 : 0;
    return matched === 1;
  };
}
