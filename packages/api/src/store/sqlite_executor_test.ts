import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { DEMO_USERS } from "@spkey/testkit";
import { StoreUnavailableError } from "../domain.ts";
import { createTestDatabase } from "./_test_database.ts";
import { createSqliteExecutor } from "./sqlite_executor.ts";

const COUNT_USERS = { sql: "SELECT COUNT(*) AS n FROM b2c_users", params: [] };

Deno.test("a read-only connection (the default) refuses writes inside SQLite", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  try {
    const [[before]] = await executor.batch([COUNT_USERS]);
    const write = {
      sql: "INSERT INTO b2c_users (id, email, created_at) VALUES (?, ?, ?)",
      params: ["00000000-0000-4000-8000-000000000000", "mallory@example.com", "2026-01-01"],
    };
    const error = await assertRejects(() => executor.batch([write]), StoreUnavailableError);
    assertEquals(error.message, "Querying the SQLite database failed");
    assertEquals(String((error.cause as Error).message).includes("readonly"), true);
    await assertRejects(
      () => executor.batch([{ sql: "DELETE FROM threedeye_users", params: [] }]),
      StoreUnavailableError,
    );
    const [[after]] = await executor.batch([COUNT_USERS]);
    assertEquals(after, before);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("a read-write connection is only what setup code asks for", async () => {
  const db = createTestDatabase({ seed: false });
  const executor = createSqliteExecutor(db.path, { readOnly: false });
  try {
    await executor.batch([{
      sql: "INSERT INTO b2c_users (id, email, created_at) VALUES (?, ?, ?)",
      params: ["u-1", null, "2026-01-01"],
    }]);
    assertEquals(await executor.batch([COUNT_USERS]), [[{ n: 1 }]]);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("batch answers one plain row array per statement, in order", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  try {
    const results = await executor.batch([
      { sql: "SELECT email FROM b2c_users WHERE id = ?", params: [DEMO_USERS.healthy] },
      { sql: "SELECT email FROM b2c_users WHERE id = ?", params: [DEMO_USERS.unknown] },
      { sql: "SELECT ? AS a, ? AS b", params: [1, null] },
    ]);
    assertEquals(results, [[{ email: "alice@example.com" }], [], [{ a: 1, b: null }]]);
    assertEquals(Object.getPrototypeOf(results[0][0]), Object.prototype);
    assertEquals(await executor.batch([]), []);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("a failing statement rejects the whole batch and leaves no transaction open", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  try {
    await assertRejects(
      () => executor.batch([COUNT_USERS, { sql: "SELECT nope FROM nowhere", params: [] }]),
      StoreUnavailableError,
    );
    assertEquals((await executor.batch([COUNT_USERS]))[0][0].n, 8);
  } finally {
    executor.close();
    db.remove();
  }
});

Deno.test("opening a missing file read-only fails with StoreUnavailableError", () => {
  const dir = Deno.makeTempDirSync();
  try {
    assertThrows(
      () => createSqliteExecutor(`${dir}/missing.sqlite`),
      StoreUnavailableError,
      "Opening the SQLite database failed",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a closed executor rejects instead of crashing", async () => {
  const db = createTestDatabase();
  const executor = createSqliteExecutor(db.path);
  executor.close();
  executor.close();
  try {
    await assertRejects(() => executor.batch([COUNT_USERS]), StoreUnavailableError, "closed");
  } finally {
    db.remove();
  }
});
