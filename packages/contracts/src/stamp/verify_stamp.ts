/**
 * Verification of Turnkey API-key stamps, for tests and for services that receive stamped
 * requests. Attacker input never throws: anything malformed is simply not valid.
 *
 * A stamp carries its own public key, so a signature that verifies proves integrity (the body is
 * exactly what the holder of that key signed), not identity: anyone can make a key pair and stamp
 * any body. Pass `trustedPublicKeys` to {@linkcode verifyStamp} to also require that the key is
 * one you know.
 *
 * @module
 */
import { p256 } from "@noble/curves/nist.js";
import { decodeBase64Url, hexToBytes, isHex, utf8Bytes } from "./_encoding.ts";
import { type ApiKeyStamp, STAMP_SCHEME } from "./stamp_format.ts";

// A real stamp is about 400 characters; anything far longer is not one (and is not decoded).
const MAX_STAMP_LENGTH = 2048;
// DER ECDSA P-256 signatures are 8 to 72 bytes.
const MIN_SIGNATURE_HEX = 16;
const MAX_SIGNATURE_HEX = 144;

/**
 * Decodes an `X-Stamp` header value without checking the signature.
 *
 * @param stampHeaderValue The header value.
 * @returns The stamp, or `null` when it is not a well-formed API-key stamp.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeStamp } from "@spkey/contracts/stamp";
 * assertEquals(decodeStamp("not a stamp"), null);
 * ```
 */
export function decodeStamp(stampHeaderValue: string): ApiKeyStamp | null {
  if (typeof stampHeaderValue !== "string" || stampHeaderValue.length > MAX_STAMP_LENGTH) {
    return null;
  }
  const json = decodeBase64Url(stampHeaderValue);
  if (json === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const { publicKey, scheme, signature } = parsed as Record<string, unknown>;
  if (
    typeof publicKey !== "string" || publicKey.length !== 66 || !isHex(publicKey) ||
    scheme !== STAMP_SCHEME ||
    typeof signature !== "string" || signature.length % 2 !== 0 ||
    signature.length < MIN_SIGNATURE_HEX || signature.length > MAX_SIGNATURE_HEX ||
    !isHex(signature)
  ) {
    return null;
  }
  return { publicKey, scheme, signature };
}

/** Options of {@linkcode verifyStamp}. */
export interface VerifyStampOptions {
  /**
   * The public keys whose stamps count, as hex SEC1: compressed (66 digits, the form stamps
   * carry) or uncompressed (130 digits, `04…`), any letter case. A stamp by any other key is not
   * valid, however good its signature. An empty list trusts nothing. Without this option any key
   * is accepted, and `true` proves integrity only, not identity.
   */
  trustedPublicKeys?: readonly string[];
}

/**
 * Verifies an `X-Stamp` header against the exact body it was sent with.
 *
 * Accepts low-S and high-S signatures alike (Turnkey's own SDK emits both), DER-encoded.
 *
 * **Integrity, not identity, unless you pass `trustedPublicKeys`.** The public key travels
 * inside the stamp, so without that option a stamp signed by a key the sender just made up
 * verifies too: `true` then only says the body was not changed after it was signed.
 *
 * @param body The raw request body, exactly as received.
 * @param stampHeaderValue The `X-Stamp` header value.
 * @param options `trustedPublicKeys`: the keys whose stamps count.
 * @returns `true` only for a well-formed stamp whose signature over `body` verifies under the
 *   stamp's own public key and, with `trustedPublicKeys`, whose key is one of them; `false`
 *   otherwise. Never rejects for what the sender controls.
 * @throws {TypeError} (as a rejected promise) When an entry of `trustedPublicKeys` is not a
 *   public key in hex: a typo there would otherwise silently trust nobody.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { createApiKeyStamper, verifyStamp } from "@spkey/contracts/stamp";
 * const stamper = createApiKeyStamper({
 *   apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
 *   apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
 * });
 * const body = '{"organizationId":"org-1"}';
 * const { stampHeaderValue } = await stamper.stamp(body);
 * // Integrity: the body is what the stamp's key signed...
 * assert(await verifyStamp(body, stampHeaderValue));
 * assertEquals(await verifyStamp(body + " ", stampHeaderValue), false);
 * // ...identity: and that key is one we trust.
 * assert(await verifyStamp(body, stampHeaderValue, { trustedPublicKeys: [stamper.publicKey] }));
 * const someoneElse = "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae";
 * assertEquals(
 *   await verifyStamp(body, stampHeaderValue, { trustedPublicKeys: [someoneElse] }),
 *   false,
 * );
 * ```
 */
export function verifyStamp(
  body: string,
  stampHeaderValue: string,
  options: VerifyStampOptions = {},
): Promise<boolean> {
  let trusted: Set<string> | null;
  try {
    trusted = options.trustedPublicKeys === undefined
      ? null
      : new Set(options.trustedPublicKeys.map(compressedKeyHex));
  } catch (error) {
    return Promise.reject(error);
  }
  const stamp = decodeStamp(stampHeaderValue);
  if (stamp === null || typeof body !== "string") return Promise.resolve(false);
  if (trusted !== null && !trusted.has(stamp.publicKey.toLowerCase())) {
    return Promise.resolve(false);
  }
  try {
    const valid = p256.verify(
      hexToBytes(stamp.signature),
      utf8Bytes(body),
      hexToBytes(stamp.publicKey),
      { format: "der", lowS: false },
    );
    return Promise.resolve(valid);
  } catch {
    // Off-curve keys and non-canonical DER make noble throw: that is "not valid", not a crash.
    return Promise.resolve(false);
  }
}

const COMPRESSED_KEY = /^0[23][0-9a-fA-F]{64}$/;
const UNCOMPRESSED_KEY = /^04[0-9a-fA-F]{128}$/;

/**
 * A trusted key as the lowercase compressed hex stamps carry. An uncompressed key compresses
 * without curve arithmetic: the prefix is 02 or 03 by the parity of y, then x.
 */
function compressedKeyHex(key: string): string {
  if (typeof key === "string" && COMPRESSED_KEY.test(key)) return key.toLowerCase();
  if (typeof key === "string" && UNCOMPRESSED_KEY.test(key)) {
    const yIsOdd = (parseInt(key[129], 16) & 1) === 1;
    return (yIsOdd ? "03" : "02") + key.slice(2, 66).toLowerCase();
  }
  throw new TypeError(
    "Verifying a stamp failed: trustedPublicKeys must hold P-256 public keys in hex " +
      "(66 digits compressed or 130 uncompressed).",
  );
}
