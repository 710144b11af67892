/**
 * The server's Turnkey API key as an `X-Stamp` stamper whose signer (`@spkey/contracts/stamp`,
 * and with it `@noble/curves`) is loaded on the first stamp instead of at start-up. A cold start
 * that serves a 3dEye report never evaluates the curve code nor builds its tables (about 50 ms of
 * a 190 ms start here; see apps/bench/BENCHMARKS.md, "Cold start").
 *
 * `parseConfig` still checks both keys' shapes at start-up (hex, lengths, a compressed point), so
 * a truncated, mistyped or swapped key stops start-up as before. What moves to the first stamp is
 * the curve check: the scalar's range, the point being on the curve, and the public key being the
 * one the private key derives. A pair that fails it rejects every stamp with one
 * {@linkcode ConfigError} naming both settings, which the Turnkey route answers with a 500
 * envelope and an error log line.
 *
 * @module
 */
import type { TurnkeyStamper } from "@spkey/contracts/turnkey";
import { ConfigError } from "./config_parse.ts";

/** The part of `@spkey/contracts/stamp` this module uses. */
export type StampModule = Pick<typeof import("@spkey/contracts/stamp"), "createApiKeyStamper">;

/** The key pair, as the settings give it (hex). */
export interface ApiKeyPair {
  apiPublicKey: string;
  apiPrivateKey: string;
}

/** What every stamp rejects with when the key pair fails the curve check. */
export const KEY_PAIR_MISMATCH =
  "TURNKEY_API_PUBLIC_KEY and TURNKEY_API_PRIVATE_KEY are not a valid P-256 key pair.";

/**
 * A stamper for `keys` that loads the signer on its first `stamp` (once, however many stamps
 * wait for it) and checks the pair then.
 *
 * @param keys The server's API key pair (shapes already checked by `parseConfig`).
 * @param load Loads the signer module; the default is a dynamic import, which the Worker's
 *   bundler inlines into the one bundle.
 * @returns The stamper. Its `stamp` rejects with {@linkcode ConfigError} when the pair does not
 *   belong together, and with the loader's error (retried on the next stamp) when loading fails.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { verifyStamp } from "@spkey/contracts/stamp";
 * import { createDeferredApiKeyStamper } from "./turnkey_stamper.ts";
 * let loads = 0;
 * const stamper = createDeferredApiKeyStamper({
 *   apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
 *   apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
 * }, () => (loads++, import("@spkey/contracts/stamp")));
 * assertEquals(loads, 0);
 * const { stampHeaderValue } = await stamper.stamp("{}");
 * assert(await verifyStamp("{}", stampHeaderValue));
 * await stamper.stamp("{}");
 * assertEquals(loads, 1);
 * ```
 */
export function createDeferredApiKeyStamper(
  keys: ApiKeyPair,
  load: () => Promise<StampModule> = () => import("@spkey/contracts/stamp"),
): TurnkeyStamper {
  let signer: Promise<TurnkeyStamper> | null = null;
  const signerOnce = () =>
    signer ??= load().then(
      (module) => {
        try {
          return module.createApiKeyStamper(keys);
        } catch (error) {
          // The stamper's message describes key shapes; the settings' names say more here.
          throw new ConfigError(KEY_PAIR_MISMATCH, { cause: error });
        }
      },
      (error) => {
        signer = null;
        throw error;
      },
    );
  return {
    async stamp(payload) {
      return await (await signerOnce()).stamp(payload);
    },
  };
}
