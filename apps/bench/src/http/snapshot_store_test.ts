import { assertEquals, assertRejects, assertStrictEquals, assertThrows } from "@std/assert";
import { StoreUnavailableError, type UserSnapshot } from "@spkey/api";
import { createSnapshotStore, readSnapshots } from "./snapshot_store.ts";

const ID = "77777777-7777-4777-8777-777777777777";
const grace: UserSnapshot = {
  user: { id: ID, email: "grace@example.com" },
  mapping: { threedeyeUserId: "3d-grace", hasPassword: true, createdAt: null },
  recovery: { roleIds: ["role-a", "role-b"] },
};

Deno.test("readSnapshots reads each user once, by lowercase id, into frozen copies", async () => {
  const reads: string[] = [];
  const snapshots = await readSnapshots({
    readUserSnapshot: (id) => {
      reads.push(id);
      return Promise.resolve(grace);
    },
    findUsersByEmail: () => Promise.reject(new Error("not used by readSnapshots")),
    ping: () => Promise.resolve(),
  }, [ID.toUpperCase()]);
  assertEquals(reads, [ID]);
  const snapshot = snapshots.get(ID)!;
  assertEquals(snapshot, grace);
  assertThrows(() => (snapshot.recovery!.roleIds as string[]).push("role-c"), TypeError);
  assertThrows(() => {
    (snapshot.user as { email: string | null }).email = null;
  }, TypeError);
  assertEquals(grace.recovery!.roleIds.length, 2, "the source snapshot is left alone");
});

Deno.test("the snapshot store answers the same object every time and 503s unknown ids", async () => {
  const store = createSnapshotStore(new Map([[ID, grace]]));
  assertStrictEquals(await store.readUserSnapshot(ID), grace);
  assertStrictEquals(await store.readUserSnapshot(ID), grace);
  await store.ping();
  await assertRejects(
    () => store.readUserSnapshot("99999999-9999-4999-8999-999999999999"),
    StoreUnavailableError,
    "holds no snapshot",
  );
  await assertRejects(
    () => store.findUsersByEmail("grace@example.com", 20),
    StoreUnavailableError,
    "snapshots only",
  );
});
