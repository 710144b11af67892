import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { DEMO_USERS, demoDatabase } from "@spkey/testkit";
import { type SqlExecutor, type SqlRow, StoreUnavailableError } from "../domain.ts";
import { createTestDatabase } from "./_test_database.ts";
import { createDiagnosticsStore } from "./diagnostics_store.ts";
import { countRoundTrips } from "./round_trips.ts";
import { createSqliteExecutor } from "./sqlite_executor.ts";
import { usersByEmailStatement } from "./statements.ts";

const ALICE_CANDIDATES = [
  {
    id: DEMO_USERS.healthy,
    email: "alice@example.com",
    createdAt: "2026-01-05T09:58:00.000Z",
    hasThreedeyeMapping: true,
  },
  {
    id: DEMO_USERS.sharedEmail,
    email: "Alice@Example.com",
    createdAt: "2026-06-02T10:00:00.000Z",
    hasThreedeyeMapping: false,
  },
];

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

Deno.test("findUsersByEmail ignores ASCII letter case, oldest first, on a real SQLite file", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  try {
    const store = createDiagnosticsStore(executor);
    for (const email of ["alice@example.com", "ALICE@EXAMPLE.COM", "Alice@example.Com"]) {
      assertEquals(await store.findUsersByEmail(email, 20), {
        candidates: ALICE_CANDIDATES,
        truncated: false,
      }, email);
    }
    assertEquals(await store.findUsersByEmail("FRANK@example.com", 20), {
      candidates: [{
        id: DEMO_USERS.caseMismatch,
        email: "frank@example.com",
        createdAt: "2026-04-01T07:44:00.000Z",
        hasThreedeyeMapping: true,
      }],
      truncated: false,
    });
    assertEquals(await store.findUsersByEmail("nobody@example.com", 20), {
      candidates: [],
      truncated: false,
    });
    // Equality, not a pattern: SQL wildcards in the query match nothing.
    assertEquals((await store.findUsersByEmail("%@example.com", 20)).candidates, []);
    assertEquals((await store.findUsersByEmail("alice@example.co_", 20)).candidates, []);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("findUsersByEmail stops at the limit and says the answer was cut", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  try {
    const store = createDiagnosticsStore(executor);
    assertEquals(await store.findUsersByEmail("alice@example.com", 1), {
      candidates: ALICE_CANDIDATES.slice(0, 1),
      truncated: true,
    });
    assertEquals(await store.findUsersByEmail("alice@example.com", 2), {
      candidates: ALICE_CANDIDATES,
      truncated: false,
    });
    assertThrows(() => usersByEmailStatement("a@example.com", 0), RangeError);
    await assertRejects(() => store.findUsersByEmail("a@example.com", 1.5), RangeError);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("findUsersByEmail folds ASCII letters only: other letters must match exactly", async () => {
  const db = createTestDatabase({ seed: false });
  const writer = createSqliteExecutor(db.path, { readOnly: false });
  const insert = "INSERT INTO b2c_users (id, email, created_at) VALUES (?, ?, ?)";
  await writer.batch([
    { sql: insert, params: ["u-1", "jürgen@example.com", "2026-01-01T00:00:00Z"] },
    { sql: insert, params: ["u-2", "JÜRGEN@example.com", "2026-01-02T00:00:00Z"] },
  ]);
  writer.close();
  const executor = createSqliteExecutor(db.path);
  try {
    const store = createDiagnosticsStore(executor);
    const ids = async (email: string) =>
      (await store.findUsersByEmail(email, 20)).candidates.map((c) => c.id);
    assertEquals(await ids("JÜRGEN@EXAMPLE.COM"), ["u-2"]);
    assertEquals(await ids("jürgen@EXAMPLE.com"), ["u-1"]);
    assertEquals(await ids("Jürgen@example.com"), ["u-1"]);
    assertEquals(await ids("jurgen@example.com"), []);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("the search statement seeks the NOCASE email index (EXPLAIN QUERY PLAN)", async () => {
  const db = createTestDatabase();
  // A fresh connection per plan: a prepared EXPLAIN keeps the plan it was prepared with.
  const planOf = async (readOnly = true) => {
    const executor = createSqliteExecutor(db.path, { readOnly });
    try {
      const { sql, params } = usersByEmailStatement("alice@example.com", 20);
      const [rows] = await executor.batch([{ sql: `EXPLAIN QUERY PLAN ${sql}`, params }]);
      return rows.map((row) => String(row.detail));
    } finally {
      executor.close();
    }
  };
  try {
    const indexed = await planOf();
    assert(
      indexed.includes("SEARCH u USING INDEX b2c_users_email_nocase (email=?)"),
      indexed.join("; "),
    );
    assert(!indexed.some((step) => step.startsWith("SCAN")), indexed.join("; "));
    // The mapping is read through its primary key, never by scanning threedeye_users.
    assert(indexed.some((step) => step.startsWith("SEARCH m USING")), indexed.join("; "));

    // Control: without the index the same statement scans every user.
    const writer = createSqliteExecutor(db.path, { readOnly: false });
    await writer.batch([{ sql: "DROP INDEX b2c_users_email_nocase", params: [] }]);
    writer.close();
    const unindexed = await planOf();
    assert(unindexed.includes("SCAN u"), unindexed.join("; "));
  } finally {
    db.remove();
  }
});

Deno.test("findUsersByEmail takes exactly one round trip, whatever it finds", async () => {
  const db = createTestDatabase();
  const sqlite = createSqliteExecutor(db.path);
  try {
    const counter = countRoundTrips(sqlite);
    const store = createDiagnosticsStore(counter.executor);
    for (const email of ["alice@example.com", "frank@example.com", "nobody@example.com"]) {
      counter.reset();
      await store.findUsersByEmail(email, 20);
      assertEquals(counter.count(), 1, email);
    }
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
    for (const row of demoDatabase.b2c_users) {
      if (row.email !== null) await store.findUsersByEmail(row.email, 20);
    }
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
  const searchError = await assertRejects(
    () => broken.findUsersByEmail("a@example.com", 20),
    StoreUnavailableError,
  );
  assertEquals(searchError.message.includes("SQLITE_CORRUPT"), false);

  const ownError = new StoreUnavailableError("Querying D1 over HTTP failed: HTTP 500");
  const passThrough = createDiagnosticsStore({ batch: () => Promise.reject(ownError) });
  const same = await assertRejects(() => passThrough.ping(), StoreUnavailableError);
  assertEquals(same, ownError);

  const shortAnswer = createDiagnosticsStore({ batch: () => Promise.resolve([[]]) });
  const shape = await assertRejects(() => shortAnswer.readUserSnapshot("u-1"));
  assertInstanceOf(shape, StoreUnavailableError);
  assertStringIncludes(shape.message, "unexpected answer");
  const noAnswer = createDiagnosticsStore({ batch: () => Promise.resolve([]) });
  const searchShape = await assertRejects(() => noAnswer.findUsersByEmail("a@example.com", 20));
  assertInstanceOf(searchShape, StoreUnavailableError);
  assertStringIncludes(searchShape.message, "unexpected answer");
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
