/**
 * An in-memory {@linkcode DiagnosticsStore} for the middleware-only bench variant: it answers a
 * snapshot read once at start-up from the real store, the very same frozen object on every
 * request (no SQL, no copy), so that what remains of a request's cost is the app around it:
 * request id, logs, secure headers, CORS, auth, validation, the report and its JSON.
 *
 * @module
 */
import { type DiagnosticsStore, StoreUnavailableError, type UserSnapshot } from "@spkey/api";

/**
 * Reads each user's snapshot from `store` once and freezes it (deeply), keyed by lowercase id.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readSnapshots } from "./snapshot_store.ts";
 * const snapshots = await readSnapshots({
 *   readUserSnapshot: () => Promise.resolve({ user: null, mapping: null, recovery: { roleIds: ["r"] } }),
 *   findUsersByEmail: () => Promise.reject(new Error("unused")),
 *   ping: () => Promise.resolve(),
 * }, ["AAAAAAAA-1111-4111-8111-111111111111"]);
 * const snapshot = snapshots.get("aaaaaaaa-1111-4111-8111-111111111111");
 * assert(Object.isFrozen(snapshot) && Object.isFrozen(snapshot?.recovery?.roleIds));
 * ```
 */
export async function readSnapshots(
  store: DiagnosticsStore,
  userIds: readonly string[],
): Promise<ReadonlyMap<string, UserSnapshot>> {
  const snapshots = new Map<string, UserSnapshot>();
  for (const userId of userIds) {
    const id = userId.toLowerCase();
    snapshots.set(id, freezeSnapshot(await store.readUserSnapshot(id)));
  }
  return snapshots;
}

/**
 * A store answering `snapshots` as they are. An id it was not given rejects with
 * {@linkcode StoreUnavailableError} (the route's 503) rather than pretending the user is absent;
 * so does a search by email, which this bench variant does not measure.
 *
 * @example
 * ```ts
 * import { assertStrictEquals } from "@std/assert";
 * import { createSnapshotStore } from "./snapshot_store.ts";
 * const alice = Object.freeze({ user: { id: "a", email: "a@example.com" }, mapping: null, recovery: null });
 * const store = createSnapshotStore(new Map([["a", alice]]));
 * assertStrictEquals(await store.readUserSnapshot("a"), alice);
 * ```
 */
export function createSnapshotStore(
  snapshots: ReadonlyMap<string, UserSnapshot>,
): DiagnosticsStore {
  return {
    readUserSnapshot(userId) {
      const snapshot = snapshots.get(userId);
      if (snapshot === undefined) {
        return Promise.reject(
          new StoreUnavailableError(
            `Reading user ${userId} failed: the bench's in-memory store holds no snapshot for it.`,
          ),
        );
      }
      return Promise.resolve(snapshot);
    },
    findUsersByEmail() {
      return Promise.reject(
        new StoreUnavailableError(
          "Searching users by email failed: the bench's in-memory store holds snapshots only.",
        ),
      );
    },
    ping: () => Promise.resolve(),
  };
}

// Frozen so that nothing downstream can change what the next request is answered.
function freezeSnapshot(snapshot: UserSnapshot): UserSnapshot {
  const { user, mapping, recovery } = snapshot;
  return Object.freeze({
    user: user === null ? null : Object.freeze({ ...user }),
    mapping: mapping === null ? null : Object.freeze({ ...mapping }),
    recovery: recovery === null
      ? null
      : Object.freeze({ roleIds: Object.freeze([...recovery.roleIds]) as string[] }),
  });
}
