/**
 * Test helpers for the stamp tests: published vectors, and signature checks that do NOT go
 * through noble (WebCrypto and node:crypto), so our signer is judged by independent code.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createPublicKey, createVerify } from "node:crypto";

/** Turnkey's published API-key vector (their docs). Note the space after the colon. */
export const TURNKEY_DOCS_VECTOR = {
  body: '{"payload": "hello from TKHQ"}',
  publicKey: "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae",
  signature:
    "304402203623defd618eb3e219970496407ebe92447317dad75e412bd4a6267c3b5e22230220245b740848a72d08b60d6c84f339737b63db3bcbadb3bd0dcb1bfb865715d8b5",
} as const;

/** The key pair of Turnkey's SDK test fixtures. */
export const TURNKEY_SDK_FIXTURE_KEY = {
  apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
} as const;

/** The P-256 order n. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** Builds a stamp header by hand, the way Turnkey documents it. */
export function encodeStampByHand(stamp: Record<string, unknown>): string {
  return btoa(JSON.stringify(stamp)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes a stamp header by hand (base64url → JSON text). */
export function decodeStampText(header: string): string {
  return atob(header.replaceAll("-", "+").replaceAll("_", "/"));
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

function bytesHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads `r` and `s` from a DER `SEQUENCE { INTEGER r, INTEGER s }` (short-form lengths). */
export function parseDerSignature(derHex: string): { r: bigint; s: bigint } {
  const der = hexBytes(derHex);
  if (der[0] !== 0x30 || der[1] !== der.length - 2) throw new Error("not a DER sequence");
  let offset = 2;
  const readInteger = () => {
    if (der[offset] !== 0x02) throw new Error("not a DER integer");
    const length = der[offset + 1];
    const value = der.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    return BigInt("0x" + bytesHex(value));
  };
  const r = readInteger();
  const s = readInteger();
  if (offset !== der.length) throw new Error("trailing bytes after the signature");
  return { r, s };
}

/** Encodes `r` and `s` as DER, minimal integers. */
export function encodeDerSignature(r: bigint, s: bigint): string {
  const integer = (n: bigint) => {
    let hex = n.toString(16);
    if (hex.length % 2) hex = "0" + hex;
    if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = "00" + hex;
    return "02" + (hex.length / 2).toString(16).padStart(2, "0") + hex;
  };
  const body = integer(r) + integer(s);
  return "30" + (body.length / 2).toString(16).padStart(2, "0") + body;
}

/** DER → IEEE P1363 (`r || s`, 32 bytes each), the form WebCrypto verifies. */
export function derToP1363(derHex: string): Uint8Array<ArrayBuffer> {
  const { r, s } = parseDerSignature(derHex);
  return hexBytes(r.toString(16).padStart(64, "0") + s.toString(16).padStart(64, "0"));
}

// SubjectPublicKeyInfo prefix for a compressed P-256 key: id-ecPublicKey, prime256v1, BIT STRING.
const SPKI_COMPRESSED_P256_PREFIX = "3039301306072a8648ce3d020106082a8648ce3d030107032200";

function spki(publicKeyHex: string): Buffer {
  return Buffer.from(SPKI_COMPRESSED_P256_PREFIX + publicKeyHex, "hex");
}

/** Verifies a DER signature with node:crypto (OpenSSL-compatible), from a compressed key. */
export function verifyWithNodeCrypto(body: string, derHex: string, publicKeyHex: string): boolean {
  const verifier = createVerify("SHA256");
  verifier.update(new TextEncoder().encode(body));
  return verifier.verify(
    { key: spki(publicKeyHex), format: "der", type: "spki" },
    hexBytes(derHex),
  );
}

/**
 * Verifies a DER signature with WebCrypto (ECDSA P-256, SHA-256) after DER → P1363 conversion.
 * The key is imported as JWK from its uncompressed coordinates, which node:crypto derives.
 */
export async function verifyWithWebCrypto(
  body: string,
  derHex: string,
  publicKeyHex: string,
): Promise<boolean> {
  const jwk = createPublicKey({ key: spki(publicKeyHex), format: "der", type: "spki" })
    .export({ format: "jwk" });
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    derToP1363(derHex),
    new TextEncoder().encode(body),
  );
}
