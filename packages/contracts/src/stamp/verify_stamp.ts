/**
 * Verification of Turnkey API-key stamps, for tests and for services that receive stamped
 * requests. Attacker input never throws: anything malformed is simply not valid.
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
 * import { decodeStamp } from "@spkey/contracts/stamp";
 * console.assert(decodeStamp("not a stamp") === null);
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

/**
 * Verifies an `X-Stamp` header against the exact body it was sent with.
 *
 * Accepts low-S and high-S signatures alike (Turnkey's own SDK emits both), DER-encoded.
 *
 * @param body The raw request body, exactly as received.
 * @param stampHeaderValue The `X-Stamp` header value.
 * @returns `true` only for a well-formed stamp whose signature over `body` verifies under the
 *   stamp's own public key; `false` otherwise, never throwing. Whether that key is trusted is the
 *   caller's decision (see {@linkcode decodeStamp}).
 *
 * @example
 * ```ts
 * import { verifyStamp } from "@spkey/contracts/stamp";
 * console.assert(await verifyStamp("{}", "garbage") === false);
 * ```
 */
export function verifyStamp(body: string, stampHeaderValue: string): Promise<boolean> {
  const stamp = decodeStamp(stampHeaderValue);
  if (stamp === null || typeof body !== "string") return Promise.resolve(false);
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
