/**
 * The shared demo dataset: database rows covering every diagnostics state, and the 3dEye
 * customer the 3dEye STAND-IN serves by default. Tests of several packages depend on these exact
 * values; the table in the repository's demo spec is the source of truth.
 *
 * Passwords here are placeholder strings, not real credentials: diagnostics only ever reports
 * whether one is present.
 *
 * @module
 */

/** The demo 3dEye customer id. */
export const DEMO_CUSTOMER_ID = "cust-demo-001";

/**
 * The demo B2C user ids, one per diagnostics state. `sharedEmail` signed up a second time as
 * `Alice@Example.com` (the healthy user's address in other letter case) and was never
 * provisioned: a search for alice's address finds both.
 */
export const DEMO_USERS = {
  healthy: "11111111-1111-4111-8111-111111111111",
  noMapping: "22222222-2222-4222-8222-222222222222",
  noPassword: "33333333-3333-4333-8333-333333333333",
  accountGone: "44444444-4444-4444-8444-444444444444",
  orphanedRemote: "55555555-5555-4555-8555-555555555555",
  caseMismatch: "66666666-6666-4666-8666-666666666666",
  withRecovery: "77777777-7777-4777-8777-777777777777",
  sharedEmail: "88888888-8888-4888-8888-888888888888",
  unknown: "99999999-9999-4999-8999-999999999999",
} as const;

/** A `b2c_users` row. */
export interface B2cUserRow {
  id: string;
  email: string | null;
  created_at: string;
}

/** A `threedeye_users` row. */
export interface ThreedeyeUserRow {
  user_id: string;
  threedeye_user_id: string;
  password: string | null;
  created_at: string;
}

/** A `threedeye_recovery` row; `role_ids` is a JSON array of strings. */
export interface ThreedeyeRecoveryRow {
  user_id: string;
  role_ids: string;
  created_at: string;
}

/** Rows per table, keyed by table name. */
export interface DemoDatabase {
  b2c_users: readonly B2cUserRow[];
  threedeye_users: readonly ThreedeyeUserRow[];
  threedeye_recovery: readonly ThreedeyeRecoveryRow[];
}

/** A user as the 3dEye stand-in serves it: `id` and `email` plus fields diagnostics ignores. */
export interface StandinThreedeyeUser {
  id: string;
  email: string | null;
  [field: string]: unknown;
}

const U = DEMO_USERS;

/** The demo database rows (the `unknown` user has none on purpose). */
export const demoDatabase: DemoDatabase = {
  b2c_users: [
    { id: U.healthy, email: "alice@example.com", created_at: "2026-01-05T09:58:00.000Z" },
    { id: U.noMapping, email: "bob@example.com", created_at: "2026-01-20T14:00:00.000Z" },
    { id: U.noPassword, email: "carol@example.com", created_at: "2026-02-10T08:29:00.000Z" },
    { id: U.accountGone, email: "dave@example.com", created_at: "2026-03-01T11:59:00.000Z" },
    { id: U.orphanedRemote, email: "erin@example.com", created_at: "2026-03-15T08:59:00.000Z" },
    { id: U.caseMismatch, email: "frank@example.com", created_at: "2026-04-01T07:44:00.000Z" },
    { id: U.withRecovery, email: "grace@example.com", created_at: "2026-05-20T16:19:00.000Z" },
    { id: U.sharedEmail, email: "Alice@Example.com", created_at: "2026-06-02T10:00:00.000Z" },
  ],
  threedeye_users: [
    {
      user_id: U.healthy,
      threedeye_user_id: "td-1001",
      password: "demo-placeholder-password-alice",
      created_at: "2026-01-05T10:00:00.000Z",
    },
    {
      user_id: U.noPassword,
      threedeye_user_id: "td-1003",
      password: null,
      created_at: "2026-02-10T08:30:00.000Z",
    },
    {
      user_id: U.accountGone,
      threedeye_user_id: "td-1004",
      password: "demo-placeholder-password-dave",
      created_at: "2026-03-01T12:00:00.000Z",
    },
    {
      user_id: U.orphanedRemote,
      threedeye_user_id: "td-1005",
      password: "demo-placeholder-password-erin",
      created_at: "2026-03-15T09:00:00.000Z",
    },
    {
      user_id: U.caseMismatch,
      threedeye_user_id: "td-1006",
      password: "demo-placeholder-password-frank",
      created_at: "2026-04-01T07:45:00.000Z",
    },
    {
      user_id: U.withRecovery,
      threedeye_user_id: "td-1007",
      password: "demo-placeholder-password-grace",
      created_at: "2026-05-20T16:20:00.000Z",
    },
  ],
  threedeye_recovery: [
    {
      user_id: U.withRecovery,
      role_ids: JSON.stringify(["role-owner", "role-viewer"]),
      created_at: "2026-05-21T09:00:00.000Z",
    },
  ],
};

function threedeyeUser(id: string, email: string, name: string): StandinThreedeyeUser {
  // Extra fields imitate a real listing; the client must ignore them.
  return { id, email, name, role: "Viewer", isActive: true, createdAt: "2026-01-01T00:00:00Z" };
}

/**
 * The demo customer's users in listing order: the five named ones, then five installers
 * (10 in total). No bob, no td-1004/dave; erin lives under td-2005; frank's email differs in case.
 */
export const demoThreedeyeUsers: readonly StandinThreedeyeUser[] = [
  threedeyeUser("td-1001", "alice@example.com", "Alice"),
  threedeyeUser("td-1003", "carol@example.com", "Carol"),
  threedeyeUser("td-2005", "erin@example.com", "Erin"),
  threedeyeUser("td-1006", "Frank@Example.com", "Frank"),
  threedeyeUser("td-1007", "grace@example.com", "Grace"),
  ...[1, 2, 3, 4, 5].map((n) =>
    threedeyeUser(`td-900${n}`, `installer${n}@example.net`, `Installer ${n}`)
  ),
];

/**
 * Generates `count` customer users (`td-gen-00001` … with `user00001@bulk.example.org` …), for
 * the large-customer tests and benchmarks.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { generateThreedeyeUsers } from "@spkey/testkit";
 * const users = generateThreedeyeUsers(10_000);
 * assertEquals([users.length, users[0].id], [10_000, "td-gen-00001"]);
 * ```
 */
export function generateThreedeyeUsers(count: number): StandinThreedeyeUser[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Generating 3dEye users needs a non-negative integer count, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, "0");
    return threedeyeUser(`td-gen-${n}`, `user${n}@bulk.example.org`, `Bulk user ${n}`);
  });
}
