/**
 * Whether a JWT's email claims name an admin. The part after the single '@' must equal a
 * configured domain exactly (case-insensitive in ASCII), so neither `evil-smartphonekey.com` nor
 * `smartphonekey.com.evil.io` nor a subdomain passes. The whole address must be printable ASCII:
 * Unicode case rules would let look-alikes through (`ops@smartphone\u212Aey.com`, with the Kelvin
 * sign, lowercases to `smartphonekey.com`), and control characters (NUL, DEL, line breaks) have no
 * business in an address. A token that says its email is not verified names no admin either.
 *
 * @module
 */

// Printable ASCII without the space: checked first, so every comparison after it is ASCII.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const LOCAL_PART = /^[^@"(),:;<>[\\\]]{1,64}$/;

/**
 * True when `email` is a printable-ASCII address whose domain is one of `domains` (lowercase).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isAdminEmail } from "./admin_email.ts";
 * assert(isAdminEmail("Ops@SmartphoneKey.com", ["smartphonekey.com"]));
 * assert(!isAdminEmail("ops@evil-smartphonekey.com", ["smartphonekey.com"]));
 * assert(!isAdminEmail("ops@smartphone\u212Aey.com", ["smartphonekey.com"]), "Kelvin sign");
 * ```
 */
export function isAdminEmail(email: unknown, domains: readonly string[]): boolean {
  if (typeof email !== "string" || email.length > 254 || !PRINTABLE_ASCII.test(email)) {
    return false;
  }
  // Exactly one '@', found without splitting (this runs on every admin request).
  const at = email.indexOf("@");
  if (at === -1 || email.indexOf("@", at + 1) !== -1) return false;
  if (!LOCAL_PART.test(email.slice(0, at))) return false;
  // ASCII only by now, so toLowerCase maps A-Z and nothing else.
  return domains.includes(email.slice(at + 1).toLowerCase());
}

/**
 * Whether the `email_verified` claim lets the email count: yes when it is `true`, or the string
 * `"true"` some identity providers send, or absent (many providers, and HS256 tokens minted by
 * the operator's own tooling, never set it; the domain check then rests on the provider issuing
 * only addresses it controls). Anything else, `false` and `"false"` included, is a no.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isEmailVerifiedClaimAccepted } from "./admin_email.ts";
 * assert(isEmailVerifiedClaimAccepted(undefined));
 * assert(isEmailVerifiedClaimAccepted(true));
 * assert(!isEmailVerifiedClaimAccepted(false));
 * assert(!isEmailVerifiedClaimAccepted("false"));
 * ```
 */
export function isEmailVerifiedClaimAccepted(emailVerified: unknown): boolean {
  return emailVerified === undefined || emailVerified === true || emailVerified === "true";
}
