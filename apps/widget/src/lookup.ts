/**
 * What the widget's one search field accepts: a user id (a UUID, any letter case) opens that
 * report, anything with an "@" is an email to search for, anything else is refused before a
 * request is made. Same rule as the CLI (`apps/cli`): a UUID never holds an "@", an address always
 * does, and the server judges the rest of an address (a malformed one is its 400).
 *
 * @module
 */

/** Who to diagnose: one user by id, or the users with an email. */
export type LookupSubject =
  | { kind: "user"; userId: string }
  | { kind: "email"; email: string };

// The UUID shape the server's UserIdSchema (zod's `z.uuid()`) accepts: RFC 9562 version and
// variant digits, plus the nil and max UUIDs. Checking the same shape here means the field says
// "not a user id" inline instead of the server answering 400.
const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

/**
 * Whether a string is a user id (a UUID; letter case ignored).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isUserId } from "./lookup.ts";
 * assertEquals(isUserId("11111111-1111-4111-8111-111111111111"), true);
 * assertEquals(isUserId("11111111-1111-1111-1111-111111111111"), false); // variant digit
 * ```
 */
export function isUserId(value: string): boolean {
  return UUID.test(value);
}

/**
 * Reads the search field: trimmed; a UUID becomes a user id (lowercased, the form the server and
 * the page's `#user=` link use), text with an "@" an email (as typed), anything else `null`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseLookup } from "./lookup.ts";
 * assertEquals(parseLookup(" 11111111-1111-4111-8111-11111111111A "), {
 *   kind: "user",
 *   userId: "11111111-1111-4111-8111-11111111111a",
 * });
 * assertEquals(parseLookup(" Alice@Example.com "), { kind: "email", email: "Alice@Example.com" });
 * assertEquals(parseLookup("alice"), null);
 * ```
 */
export function parseLookup(input: string): LookupSubject | null {
  const text = input.trim();
  if (isUserId(text)) return { kind: "user", userId: text.toLowerCase() };
  if (text.includes("@")) return { kind: "email", email: text };
  return null;
}

/** What the field says when {@link parseLookup} refuses the input. */
export const LOOKUP_HINT = "Enter a user ID (a UUID) or an email address.";
