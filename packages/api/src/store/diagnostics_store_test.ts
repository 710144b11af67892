import { assertEquals, assertInstanceOf, assertRejects, assertStringIncludes } from "@std/assert";
import { DEMO_USERS, demoDatabase } from "@spkey/standins";
import { type SqlExecutor, type SqlRow, StoreUnavailableError } from "../ports.ts";
import { createTestDatabase } from "./_test_database.ts";
import { createDiagnosticsStore } from "./diagnostics_store.ts";
import { countRoundTrips } from "./round_trips.ts";
import { createSqliteExecutor } from "./sqlite_executor.ts";

Deno.test("readUserSnapshot reads every demo state from a real SQLite file", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  try {
    const store = createDiagnosticsStore(executor);
    assertEquals(await store.readUserSnapshot(DEMO_USERS.healthy), {
      user: { id: DEMO_USERS.healthy, email: "alice@example.com" },
      mapping: {
        threedeyeUserId: "td-1001",
        hasPassword: true,
        createdAt: "2026-01-05T10:00:00.000Z",
      },
      recovery: null,
    });
    assertEquals(await store.readUserSnapshot(DEMO_USERS.noMapping), {
      user: { id: DEMO_USERS.noMapping, email: "bob@example.com" },
      mapping: null,
      recovery: null,
    });
    assertEquals((await store.readUserSnapshot(DEMO_USERS.noPassword)).mapping, {
      threedeyeUserId: "td-1003",
      hasPassword: false,
      createdAt: "2026-02-10T08:30:00.000Z",
    });
    assertEquals((await store.readUserSnapshot(DEMO_USERS.withRecovery)).recovery, {
      roleIds: ["role-owner", "role-viewer"],
    });
    assertEquals(await store.readUserSnapshot(DEMO_USERS.unknown), {
      user: null,
      mapping: null,
      recovery: null,
    });
    await store.ping();
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("readUserSnapshot takes exactly one round trip; ping takes one", async () => {
  const db = createTestDatabase();
  const sqlite = createSqliteExecutor(db.path);
  try {
    const counter = countRoundTrips(sqlite);
    const store = createDiagnosticsStore(counter.executor);
    await store.readUserSnapshot(DEMO_USERS.withRecovery);
    assertEquals(counter.count(), 1);
    await store.ping();
    assertEquals(counter.count(), 2);
  } finally {
    sqlite.close();
    db.remove();
  }
});

Deno.test("the password value never leaves the database", async () => {
  const db = createTestDatabase();
  const sqlite = createSqliteExecutor(db.path);
  const seen: SqlRow[][][] = [];
  const spy: SqlExecutor = {
    async batch(statements) {
      const rows = await sqlite.batch(statements);
      seen.push(rows);
      return rows;
    },
  };
  try {
    const store = createDiagnosticsStore(spy);
    for (const id of Object.values(DEMO_USERS)) await store.readUserSnapshot(id);
    const everything = JSON.stringify(seen);
    for (const row of demoDatabase.threedeye_users) {
      if (row.password !== null) assertEquals(everything.includes(row.password), false);
    }
    assertEquals(everything.includes('"password"'), false);
  } finally {
    sqlite.close();
    db.remove();
  }
});

Deno.test("readUserSnapshot normalises odd stored values instead of failing", async () => {
  const rows: SqlRow[][] = [
    [{ id: "u-1", email: null }],
    [{ threedeye_user_id: "td-9", has_password: 0, created_at: "not a timestamp" }],
    [{ role_ids: "role-a,role-b" }],
  ];
  const store = createDiagnosticsStore({ batch: () => Promise.resolve(rows) });
  assertEquals(await store.readUserSnapshot("u-1"), {
    user: { id: "u-1", email: null },
    mapping: { threedeyeUserId: "td-9", hasPassword: false, createdAt: null },
    recovery: { roleIds: ["role-a", "role-b"] },
  });
});

Deno.test("store failures reject with StoreUnavailableError and a safe message", async () => {
  const driverError = new Error("SQLITE_CORRUPT: secret table layout here");
  const broken = createDiagnosticsStore({ batch: () => Promise.reject(driverError) });
  const error = await assertRejects(() => broken.readUserSnapshot("u-1"), StoreUnavailableError);
  assertEquals(error.message.includes("SQLITE_CORRUPT"), false);
  assertEquals(error.cause, driverError);
  await assertRejects(() => broken.ping(), StoreUnavailableError);

  const ownError = new StoreUnavailableError("Querying D1 over HTTP failed: HTTP 500");
  const passThrough = createDiagnosticsStore({ batch: () => Promise.reject(ownError) });
  const same = await assertRejects(() => passThrough.ping(), StoreUnavailableError);
  assertEquals(same, ownError);

  const shortAnswer = createDiagnosticsStore({ batch: () => Promise.resolve([[]]) });
  const shape = await assertRejects(() => shortAnswer.readUserSnapshot("u-1"));
  assertInstanceOf(shape, StoreUnavailableError);
  assertStringIncludes(shape.message, "unexpected answer");
});

Deno.test("ping rejects a database whose migrations were never applied (readyz catches it)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-unmigrated-" });
  const path = `${dir}/empty.sqlite`;
  // An empty database file, created read-write, then opened the way the app opens it.
  const writable = createSqliteExecutor(path, { readOnly: false });
  await writable.batch([{ sql: "CREATE TABLE unrelated (x INTEGER)", params: [] }]);
  writable.close();
  const executor = createSqliteExecutor(path);
  try {
    await assertRejects(() => createDiagnosticsStore(executor).ping(), StoreUnavailableError);
  } finally {
    executor.close();
    await Deno.remove(dir, { recursive: true });
  }
  const migrated = createTestDatabase({ seed: false });
  const migratedExecutor = createSqliteExecutor(migrated.path);
  try {
    await createDiagnosticsStore(migratedExecutor).ping();
  } finally {
    migratedExecutor.close();
    migrated.remove();
  }
});
