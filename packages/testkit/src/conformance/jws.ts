/**
 * A small, independent JWS (compact) signer over WebCrypto for tests: any header (so tests can
 * forge `alg: none`, algorithm confusion or tampered parts), HS256 / RS256 / ES256 signatures.
 * Deliberately not hono's signer, so verification is checked against a second implementation.
 *
 * @module
 */

const encoder = new TextEncoder();

/** base64url without padding. */
export function base64Url(bytes: Uint8Array | string): string {
  const raw = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  let binary = "";
  for (const b of raw) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes one base64url part to text. */
export function decodeBase64UrlText(part: string): string {
  const b64 = part.replaceAll("-", "+").replaceAll("_", "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  return new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
}

/** The signing input `base64url(header).base64url(payload)`. */
export function signingInput(header: object, payload: object): string {
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
}

/** An HS256 token signed with `secret` (any header you like). */
export async function signHs256(
  payload: object,
  secret: string | Uint8Array,
  header: object = { alg: "HS256", typ: "JWT" },
): Promise<string> {
  const keyBytes = typeof secret === "string" ? encoder.encode(secret) : secret;
  const key = await crypto.subtle.importKey(
    "raw",
    keyBytes as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const input = signingInput(header, payload);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(input));
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

/** An RS256 or ES256 token signed with `privateKey`. */
export async function signAsymmetric(
  payload: object,
  privateKey: CryptoKey,
  header: { alg: "RS256" | "ES256"; kid?: string; typ?: string },
): Promise<string> {
  const input = signingInput({ typ: "JWT", ...header }, payload);
  const algorithm = header.alg === "RS256"
    ? { name: "RSASSA-PKCS1-v1_5" }
    : { name: "ECDSA", hash: "SHA-256" };
  const signature = await crypto.subtle.sign(algorithm, privateKey, encoder.encode(input));
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

/** An unsigned `alg: none` token. */
export function unsignedToken(payload: object): string {
  return `${signingInput({ alg: "none", typ: "JWT" }, payload)}.`;
}

/** A key pair with its public half as PEM (SPKI) and as a JWK. */
export interface TestKeyPair {
  privateKey: CryptoKey;
  publicKeyPem: string;
  publicJwk: JsonWebKey;
}

/** A fresh RSA-2048 (RS256) or P-256 (ES256) key pair. */
export async function generateKeyPair(alg: "RS256" | "ES256"): Promise<TestKeyPair> {
  const params = alg === "RS256"
    ? {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    }
    : { name: "ECDSA", namedCurve: "P-256" };
  const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  let binary = "";
  for (const b of spki) binary += String.fromCharCode(b);
  const lines = btoa(binary).match(/.{1,64}/g)!.join("\n");
  return {
    privateKey: pair.privateKey,
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${lines}\n-----END PUBLIC KEY-----`,
    publicJwk: await crypto.subtle.exportKey("jwk", pair.publicKey),
  };
}

/** Replaces the payload part of `token` with `payload`, keeping header and signature. */
export function withPayload(token: string, payload: object): string {
  const [header, , signature] = token.split(".");
  return `${header}.${base64Url(JSON.stringify(payload))}.${signature}`;
}

/** Flips one character in the middle of the signature part. */
export function withTamperedSignature(token: string): string {
  const [header, payload, signature] = token.split(".");
  const i = Math.floor(signature.length / 2);
  const flipped = signature[i] === "A" ? "B" : "A";
  return `${header}.${payload}.${signature.slice(0, i)}${flipped}${signature.slice(i + 1)}`;
}
