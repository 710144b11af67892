/**
 * Byte encodings the X-Stamp needs (hex, base64url without padding, UTF-8), written over
 * runtime-neutral globals (`TextEncoder`, `btoa`, `atob`) so they run in browsers, Workers, Deno
 * and Node alike.
 *
 * @module
 */

const HEX = /^[0-9a-fA-F]*$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Whether `text` is made of hex digits only (either case); the empty string counts. */
export function isHex(text: string): boolean {
  return HEX.test(text);
}

/** Decodes even-length hex; the caller has checked {@linkcode isHex} and the length. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/** Lowercase hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** base64url of the UTF-8 bytes of `text`, without `=` padding. */
export function encodeBase64Url(text: string): string {
  let binary = "";
  for (const byte of utf8Bytes(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Decodes unpadded base64url into UTF-8 text; `undefined` when it is not valid base64url or not
 * valid UTF-8. Never throws.
 */
export function decodeBase64Url(encoded: string): string | undefined {
  if (!BASE64URL.test(encoded) || encoded.length % 4 === 1) return undefined;
  try {
    const binary = atob(encoded.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
