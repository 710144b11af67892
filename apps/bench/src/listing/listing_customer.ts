/**
 * The large customer the listing figures are measured on: 10,000 3dEye users (the stand-in's
 * generated ones, 100 pages of 100), and 100 users of the company database, each mapped to one of
 * them and holding its email, spread over the whole listing, so that 100 lookups are 100
 * different users whose reports all need the listing (and are all healthy).
 *
 * @module
 */
import { generateThreedeyeUsers, seedDemoData, type StandinThreedeyeUser } from "@spkey/testkit";

/** Users of the large customer. */
export const LISTING_CUSTOMER_USERS = 10_000;
/** The page size the figures are measured with (the default), so 100 pages. */
export const LISTING_PAGE_SIZE = 100;

/** A database user mapped to a 3dEye user of the large customer. */
export interface ListingLookupUser {
  userId: string;
  email: string;
  threedeyeUserId: string;
  /** The listing page its 3dEye user is on (1-based). */
  page: number;
}

/** The 3dEye users of the large customer, in listing order. */
export function listingCustomer(): StandinThreedeyeUser[] {
  return generateThreedeyeUsers(LISTING_CUSTOMER_USERS);
}

/**
 * `count` (at most 100) database users, the k-th mapped to a 3dEye user on page 37·k mod 100 + 1:
 * each on a page of its own, in a shuffled page order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { listingLookupUsers } from "./listing_customer.ts";
 * const users = listingLookupUsers(100);
 * assertEquals(new Set(users.map((u) => u.page)).size, 100);
 * assertEquals(users[1], {
 *   userId: "bb000000-0000-4000-8000-000000000001",
 *   email: "user03702@bulk.example.org",
 *   threedeyeUserId: "td-gen-03702",
 *   page: 38,
 * });
 * ```
 */
export function listingLookupUsers(count = 100): ListingLookupUser[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > 100) {
    throw new RangeError("Choosing listing lookup users needs a count from 1 to 100");
  }
  return Array.from({ length: count }, (_, k) => {
    // 37 is coprime with 100, so k ↦ 37·k mod 100 visits every page once.
    const page = ((37 * k) % 100) + 1;
    const n = (page - 1) * LISTING_PAGE_SIZE + (k % LISTING_PAGE_SIZE) + 1;
    const padded = String(n).padStart(5, "0");
    return {
      userId: `bb000000-0000-4000-8000-${String(k).padStart(12, "0")}`,
      email: `user${padded}@bulk.example.org`,
      threedeyeUserId: `td-gen-${padded}`,
      page,
    };
  });
}

/** Adds `users` (and their mappings) to a migrated SQLite file. */
export function seedListingLookupUsers(path: string, users: readonly ListingLookupUser[]): void {
  seedDemoData(path, {
    b2c_users: users.map((u) => ({
      id: u.userId,
      email: u.email,
      created_at: "2026-06-01T00:00:00.000Z",
    })),
    threedeye_users: users.map((u) => ({
      user_id: u.userId,
      threedeye_user_id: u.threedeyeUserId,
      password: "bench-placeholder-password",
      created_at: "2026-06-01T00:00:00.000Z",
    })),
    threedeye_recovery: [],
  });
}
