/**
 * The Turnkey API-key stamper: signs a request body with a P-256 API key and returns the
 * `X-Stamp` header. Runs anywhere (pure JS over `@noble/curves`; no `node:` or Deno APIs).
 *
 * @module
 */
import { p256 } from "@noble/curves/nist.js";
import { bytesToHex, encodeBase64Url, utf8Bytes } from "./_encoding.ts";
import { parseApiKeyPair } from "./_p256_keys.ts";
import { STAMP_HEADER_NAME, STAMP_SCHEME, type StampResult } from "./stamp_format.ts";

/** The API key pair, as Turnkey shows it: hex strings. */
export interface ApiKeyStamperOptions {
  /** Compressed public key, 66 hex characters (`02…`/`03…`). */
  apiPublicKey: string;
  /** Private scalar, up to 64 hex characters (leading zeros optional). */
  apiPrivateKey: string;
}

/** Signs request bodies; plugs into `@turnkey/http` too (same `stamp` signature). */
export interface ApiKeyStamper {
  /** The key's compressed public key (lowercase hex): the stamp's `publicKey`. */
  readonly publicKey: string;
  /**
   * Stamps `payload`: ECDSA P-256 / SHA-256 over its exact UTF-8 bytes, DER signature.
   * Send exactly this string as the body.
   */
  stamp(payload: string): Promise<StampResult>;
}

/**
 * Creates a stamper for an API key pair, validating both halves up front.
 *
 * Throws `TypeError` (not a string, not hex) or `RangeError` (wrong length, zero or out-of-range
 * scalar, off-curve or uncompressed point, or a public key the private key does not derive).
 *
 * @param options The key pair.
 * @returns A stamper; the private key is held in a closure, never exposed as a property.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { createApiKeyStamper, verifyStamp } from "@spkey/contracts/stamp";
 * const stamper = createApiKeyStamper({
 *   apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
 *   apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
 * });
 * const body = JSON.stringify({ organizationId: "org-1", userId: "user-1" });
 * const { stampHeaderName, stampHeaderValue } = await stamper.stamp(body);
 * assertEquals(stampHeaderName, "X-Stamp");
 * assert(await verifyStamp(body, stampHeaderValue));
 * ```
 */
export function createApiKeyStamper(options: ApiKeyStamperOptions): ApiKeyStamper {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      "Cannot create the API key stamper: options { apiPublicKey, apiPrivateKey } are required",
    );
  }
  const { secretKey, publicKeyHex } = parseApiKeyPair(options.apiPublicKey, options.apiPrivateKey);
  return {
    publicKey: publicKeyHex,
    stamp(payload: string): Promise<StampResult> {
      if (typeof payload !== "string") {
        return Promise.reject(
          new TypeError(
            `Cannot stamp the request: payload must be a string, got ${typeof payload}`,
          ),
        );
      }
      // noble v2 hashes the message with SHA-256 itself (prehash: true); do not hash it here.
      const signature = bytesToHex(p256.sign(utf8Bytes(payload), secretKey, { format: "der" }));
      const stamp = JSON.stringify({ publicKey: publicKeyHex, scheme: STAMP_SCHEME, signature });
      return Promise.resolve({
        stampHeaderName: STAMP_HEADER_NAME,
        stampHeaderValue: encodeBase64Url(stamp),
      });
    },
  };
}
