/**
 * Parsing and validation of a Turnkey P-256 API key pair given as hex strings. Errors are
 * built-ins with sentence-case messages naming the failed action; they never echo the private key.
 *
 * @module
 */
import { p256 } from "@noble/curves/nist.js";
import { bytesToHex, hexToBytes, isHex } from "./_encoding.ts";

const ACTION = "Cannot create the API key stamper";

/** A validated key pair: the 32-byte scalar and the lowercase compressed public key. */
export interface P256ApiKey {
  secretKey: Uint8Array;
  publicKeyHex: string;
}

/**
 * Parses the private key: 1 to 64 hex digits (leading zeros may be omitted), a scalar in
 * `[1, n-1]`.
 */
export function parseApiPrivateKey(apiPrivateKey: unknown): Uint8Array {
  if (typeof apiPrivateKey !== "string") {
    throw new TypeError(
      `${ACTION}: apiPrivateKey must be a hex string, got ${typeof apiPrivateKey}`,
    );
  }
  if (apiPrivateKey.length === 0 || apiPrivateKey.length > 64) {
    throw new RangeError(
      `${ACTION}: apiPrivateKey must be 1 to 64 hex characters (a P-256 scalar), got ${apiPrivateKey.length}`,
    );
  }
  if (!isHex(apiPrivateKey)) {
    throw new TypeError(`${ACTION}: apiPrivateKey must contain only hex characters (0-9, a-f)`);
  }
  const secretKey = hexToBytes(apiPrivateKey.padStart(64, "0"));
  if (!p256.utils.isValidSecretKey(secretKey)) {
    throw new RangeError(
      `${ACTION}: apiPrivateKey is not a valid P-256 private key (it must be between 1 and the curve order minus 1)`,
    );
  }
  return secretKey;
}

/** Parses the public key: 66 hex digits, compressed SEC1 (`02`/`03` prefix), on the curve. */
export function parseApiPublicKey(apiPublicKey: unknown): string {
  if (typeof apiPublicKey !== "string") {
    throw new TypeError(`${ACTION}: apiPublicKey must be a hex string, got ${typeof apiPublicKey}`);
  }
  if (apiPublicKey.length !== 66) {
    throw new RangeError(
      `${ACTION}: apiPublicKey must be 66 hex characters (a compressed P-256 point), got ${apiPublicKey.length}`,
    );
  }
  if (!isHex(apiPublicKey)) {
    throw new TypeError(`${ACTION}: apiPublicKey must contain only hex characters (0-9, a-f)`);
  }
  const publicKeyHex = apiPublicKey.toLowerCase();
  if (!publicKeyHex.startsWith("02") && !publicKeyHex.startsWith("03")) {
    throw new RangeError(
      `${ACTION}: apiPublicKey must be a compressed point starting with 02 or 03, got ${
        publicKeyHex.slice(0, 2)
      }`,
    );
  }
  if (!p256.utils.isValidPublicKey(hexToBytes(publicKeyHex), true)) {
    throw new RangeError(`${ACTION}: apiPublicKey is not a point on the P-256 curve`);
  }
  return publicKeyHex;
}

/**
 * Validates both halves and checks that the public key is the one the private key derives.
 */
export function parseApiKeyPair(apiPublicKey: unknown, apiPrivateKey: unknown): P256ApiKey {
  const secretKey = parseApiPrivateKey(apiPrivateKey);
  const publicKeyHex = parseApiPublicKey(apiPublicKey);
  const derived = bytesToHex(p256.getPublicKey(secretKey, true));
  if (derived !== publicKeyHex) {
    throw new RangeError(
      `${ACTION}: apiPublicKey does not match apiPrivateKey (the private key's public key is ${derived})`,
    );
  }
  return { secretKey, publicKeyHex };
}
