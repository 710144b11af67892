/**
 * The shareable link to a report: the page's fragment `#user=<uuid>`. A fragment never reaches a
 * server (not in requests, not in access logs), and it only ever holds the user id: never the
 * email searched for (personal data; URLs leak into logs, chat previews and browser history) and
 * never a credential. Someone who opens the link signs in and sees the same report.
 *
 * @module
 */
import { isUserId } from "./lookup.ts";

/** What a page fragment says about the widget: nothing, a user to open, or a broken link. */
export type FragmentLink =
  | { kind: "none" }
  | { kind: "user"; userId: string }
  | { kind: "invalid" };

const PREFIX = "#user=";

/**
 * Reads a fragment (`location.hash`): `#user=<uuid>` names a user (id lowercased), `#user=`
 * followed by anything else is a broken link (e.g. cut short in a chat), any other fragment
 * belongs to the page.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readUserFragment } from "./deep_link.ts";
 * assertEquals(readUserFragment("#user=11111111-1111-4111-8111-11111111111A"), {
 *   kind: "user",
 *   userId: "11111111-1111-4111-8111-11111111111a",
 * });
 * assertEquals(readUserFragment("#user=11111111-1111-4111"), { kind: "invalid" });
 * assertEquals(readUserFragment("#section-2"), { kind: "none" });
 * ```
 */
export function readUserFragment(hash: string): FragmentLink {
  if (!hash.startsWith(PREFIX)) return { kind: "none" };
  const value = hash.slice(PREFIX.length);
  return isUserId(value) ? { kind: "user", userId: value.toLowerCase() } : { kind: "invalid" };
}

/**
 * The page URL `href` with its fragment naming `userId`, or with no fragment for `null`. Path and
 * query are kept as they are. Anything but a user id is refused (a `TypeError`), so an email or a
 * credential cannot end up in the link by mistake.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { linkToUser } from "./deep_link.ts";
 * const id = "11111111-1111-4111-8111-111111111111";
 * assertEquals(linkToUser("https://x.test/admin?a=1#old", id), `https://x.test/admin?a=1#user=${id}`);
 * assertEquals(linkToUser(`https://x.test/admin#user=${id}`, null), "https://x.test/admin");
 * ```
 */
export function linkToUser(href: string, userId: string | null): string {
  if (userId !== null && !isUserId(userId)) {
    throw new TypeError("Linking to a user failed: the id is not a UUID.");
  }
  const url = new URL(href);
  url.hash = userId === null ? "" : PREFIX.slice(1) + userId;
  return url.href;
}
