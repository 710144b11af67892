/**
 * Users that look like a real 3dEye customer's, for measuring what a listing costs in memory:
 * UUID ids, `first.last<n>@domain` emails over a few big mail providers (two thirds) and 400
 * company domains, 3% in mixed case, 1% without an email. Deterministic: user i is always the
 * same.
 *
 * @module
 */
import type { ThreedeyeUser } from "@spkey/api";

const FIRST = [
  "anna",
  "ben",
  "chloe",
  "david",
  "emma",
  "felix",
  "grace",
  "henry",
  "isla",
  "jack",
  "karin",
  "liam",
  "mia",
  "noah",
  "olivia",
  "paul",
  "quinn",
  "rosa",
  "sam",
  "tara",
  "umar",
  "vera",
  "will",
  "xena",
  "yusuf",
  "zoe",
];
const LAST = [
  "smith",
  "johnson",
  "müller",
  "schmidt",
  "garcia",
  "martin",
  "rossi",
  "nowak",
  "kowalski",
  "dubois",
  "jansen",
  "nielsen",
  "silva",
  "tanaka",
  "kim",
  "novak",
  "horvat",
  "popescu",
  "ivanova",
  "ahmed",
];
const PROVIDERS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "web.de", "gmx.net"];

/** A small integer hash of `i` and `salt` (deterministic, well spread). */
function hash(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * User `i` of the realistic customer.
 *
 * @example
 * ```ts
 * import { assertEquals, assertMatch } from "@std/assert";
 * import { realisticCustomerUser } from "./realistic_customer.ts";
 * const user = realisticCustomerUser(7);
 * assertMatch(user.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
 * assertEquals(realisticCustomerUser(7), user);
 * ```
 */
export function realisticCustomerUser(i: number): ThreedeyeUser {
  const hex = (salt: number, length: number) =>
    hash(i, salt).toString(16).padStart(8, "0").slice(0, length);
  const id = `${hex(1, 8)}-${hex(2, 4)}-4${hex(3, 3)}-8${hex(4, 3)}-${hex(5, 8)}${hex(6, 4)}`;
  const roll = hash(i, 7) % 100;
  if (roll === 0) return { id, email: null };
  const domain = hash(i, 8) % 3 < 2
    ? PROVIDERS[hash(i, 9) % PROVIDERS.length]
    : `company${hash(i, 10) % 400}.example`;
  const local = `${FIRST[hash(i, 11) % FIRST.length]}.${LAST[hash(i, 12) % LAST.length]}${
    hash(i, 13) % 1000
  }`;
  const email = `${local}@${domain}`;
  return { id, email: roll <= 3 ? email[0].toUpperCase() + email.slice(1) : email };
}

/** Users `start` to `start + count - 1`. */
export function realisticCustomerPage(start: number, count: number): ThreedeyeUser[] {
  return Array.from({ length: count }, (_, k) => realisticCustomerUser(start + k));
}
