/**
 * Whether a JWT's `email` claim belongs to an admin domain: the part after the single '@' must
 * equal a configured domain exactly (case-insensitive), so neither `evil-smartphonekey.com` nor
 * `smartphonekey.com.evil.io` nor a subdomain passes.
 *
 * @module
 */

const LOCAL_PART = /^[^\s@"(),:;<>[\\\]]{1,64}$/;

/**
 * True when `email` is a string address whose domain is one of `domains` (lowercase).
 *
 * @example
 * ```ts
 * import { isAdminEmail } from "@spkey/api";
 * console.assert(isAdminEmail("Ops@SmartphoneKey.com", ["smartphonekey.com"]));
 * console.assert(!isAdminEmail("ops@evil-smartphonekey.com", ["smartphonekey.com"]));
 * ```
 */
export function isAdminEmail(email: unknown, domains: readonly string[]): boolean {
  if (typeof email !== "string" || email.length > 254) return false;
  // Exactly one '@', found without splitting (this runs on every admin request).
  const at = email.indexOf("@");
  if (at === -1 || email.indexOf("@", at + 1) !== -1) return false;
  if (!LOCAL_PART.test(email.slice(0, at))) return false;
  return domains.includes(email.slice(at + 1).toLowerCase());
}
