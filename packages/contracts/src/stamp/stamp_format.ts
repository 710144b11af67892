/**
 * The X-Stamp wire format shared by the signer and the verifier: base64url (no padding) of
 * `JSON.stringify({ publicKey, scheme, signature })`, keys in that order.
 *
 * @module
 */

/** The header Turnkey reads the stamp from. */
export const STAMP_HEADER_NAME = "X-Stamp";

/** The only signature scheme of API-key stamps. */
export const STAMP_SCHEME = "SIGNATURE_SCHEME_TK_API_P256";

/** The decoded content of an API-key stamp. */
export interface ApiKeyStamp {
  /** Compressed SEC1 P-256 public key, 66 hex characters. */
  publicKey: string;
  /** Always {@linkcode STAMP_SCHEME}. */
  scheme: typeof STAMP_SCHEME;
  /** DER-encoded ECDSA signature over the request body, hex. */
  signature: string;
}

/** What a stamper returns: the shape `@turnkey/http` clients take. */
export interface StampResult {
  /** Always {@linkcode STAMP_HEADER_NAME}. */
  stampHeaderName: typeof STAMP_HEADER_NAME;
  /** The encoded stamp. */
  stampHeaderValue: string;
}
