/**
 * Admin API key check. Keys are compared in constant time over SHA-256 digests (so neither the
 * length nor a common prefix of a configured key leaks through timing), against every
 * configured key without stopping early, which also lets several keys be valid during rotation.
 *
 * @module
 */

/** Checks a presented admin API key against the configured ones. */
export type ApiKeyVerifier = (presented: string) => Promise<boolean>;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** Compares two equal-length digests without data-dependent branches. */
function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * A verifier over `keys` (at least one).
 *
 * @example
 * ```ts
 * import { createApiKeyVerifier } from "@spkey/api";
 * const verify = createApiKeyVerifier(["old-admin-key-0123456789", "new-admin-key-0123456789"]);
 * console.assert(await verify("new-admin-key-0123456789"));
 * console.assert(!(await verify("guess")));
 * ```
 */
export function createApiKeyVerifier(keys: readonly string[]): ApiKeyVerifier {
  if (keys.length === 0) throw new TypeError("Cannot create an API key verifier without keys.");
  // Hashed once, on first use, so construction stays synchronous.
  let configured: Promise<Uint8Array[]> | null = null;
  return async (presented) => {
    configured ??= Promise.all(keys.map(sha256));
    const [digests, candidate] = await Promise.all([configured, sha256(presented)]);
    let matched = 0;
    for (const digest of digests) matched |= digestsEqual(digest, candidate) ? 1 : 0;
    return matched === 1;
  };
}
