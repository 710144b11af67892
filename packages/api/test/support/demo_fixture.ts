/**
 * The shared demo dataset (from `@spkey/testkit`) as port fakes: database rows turned into user
 * snapshots and search candidates the way the store reads them, and the stand-in customer as a
 * directory listing.
 *
 * @module
 */
import { DEMO_CUSTOMER_ID, demoDatabase, demoThreedeyeUsers } from "@spkey/testkit";
import type { UserCandidateRecord, UserSnapshot } from "../../src/domain.ts";
import { type FakeDirectory, fakeDirectory, type FakeStore, fakeStore } from "./fakes.ts";

export { DEMO_CUSTOMER_ID, DEMO_USERS } from "@spkey/testkit";

/** The snapshot of every demo user that has rows. */
export function demoSnapshots(): Record<string, UserSnapshot> {
  const ids = new Set([
    ...demoDatabase.b2c_users.map((r) => r.id),
    ...demoDatabase.threedeye_users.map((r) => r.user_id),
  ]);
  return Object.fromEntries([...ids].map((id) => {
    const user = demoDatabase.b2c_users.find((r) => r.id === id);
    const mapping = demoDatabase.threedeye_users.find((r) => r.user_id === id);
    const recovery = demoDatabase.threedeye_recovery.find((r) => r.user_id === id);
    const snapshot: UserSnapshot = {
      user: user ? { id: user.id, email: user.email } : null,
      mapping: mapping
        ? {
          threedeyeUserId: mapping.threedeye_user_id,
          hasPassword: mapping.password !== null,
          createdAt: mapping.created_at,
        }
        : null,
      recovery: recovery ? { roleIds: JSON.parse(recovery.role_ids) } : null,
    };
    return [id, snapshot];
  }));
}

/** The demo users as the search by email finds them (their ISO timestamps kept as stored). */
export function demoUserCandidates(): UserCandidateRecord[] {
  return demoDatabase.b2c_users.flatMap((user) =>
    user.email === null ? [] : [{
      id: user.id,
      email: user.email,
      createdAt: user.created_at,
      hasThreedeyeMapping: demoDatabase.threedeye_users.some((m) => m.user_id === user.id),
    }]
  );
}

/** A store over the demo rows. */
export function demoStore(): FakeStore {
  return fakeStore(demoSnapshots(), demoUserCandidates());
}

/** A directory serving the demo customer (complete listing of 10 users). */
export function demoDirectory(): FakeDirectory {
  return fakeDirectory({
    customerId: DEMO_CUSTOMER_ID,
    users: demoThreedeyeUsers.map((u) => ({ id: u.id, email: u.email })),
  });
}
