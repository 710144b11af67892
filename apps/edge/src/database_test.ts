import { assertEquals, assertRejects } from "@std/assert";
import { StoreUnavailableError } from "@spkey/api";
import { seedDemoData } from "@spkey/testkit";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import { openDatabase } from "./database.ts";

const d1Off = { d1Http: null };

function tempDir(): string {
  return Deno.makeTempDirSync({ prefix: "spkey-edge-db-" });
}

async function countRows(path: string, table: string): Promise<number> {
  const db = createSqliteExecutor(path);
  try {
    const [[row]] = await db.batch([{ sql: `SELECT COUNT(*) AS n FROM ${table}`, params: [] }]);
    return Number(row.n);
  } finally {
    db.close();
  }
}

Deno.test("a missing SQLite file is created and migrated, without demo rows", async () => {
  const dir = tempDir();
  const path = `${dir}/nested/spkey.sqlite`;
  const database = await openDatabase({ ...d1Off, databasePath: path });
  try {
    assertEquals(database.kind, "sqlite");
    assertEquals(database.kind === "sqlite" && database.created, true);
    assertEquals(
      await database.executor.batch([{ sql: "SELECT name FROM d1_migrations", params: [] }]),
      [[{ name: "0001_initial.sql" }, { name: "0002_b2c_users_email_index.sql" }]],
    );
    assertEquals(await countRows(path, "b2c_users"), 0);
  } finally {
    database.close();
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the app's connection is read-only: a write through it fails and changes nothing", async () => {
  const dir = tempDir();
  const path = `${dir}/spkey.sqlite`;
  (await openDatabase({ ...d1Off, databasePath: path })).close();
  seedDemoData(path);
  const database = await openDatabase({ ...d1Off, databasePath: path });
  try {
    assertEquals(database.kind === "sqlite" && database.created, false);
    for (
      const sql of [
        "INSERT INTO b2c_users (id, email, created_at) VALUES ('x', 'x@example.com', '2026-01-01')",
        "UPDATE threedeye_users SET password = NULL",
        "DELETE FROM threedeye_recovery",
        "DROP TABLE b2c_users",
      ]
    ) {
      await assertRejects(
        () => database.executor.batch([{ sql, params: [] }]),
        StoreUnavailableError,
      );
    }
    assertEquals(await countRows(path, "b2c_users"), 8);
    assertEquals(await countRows(path, "threedeye_recovery"), 1);
  } finally {
    database.close();
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("an existing file is served as it is: never migrated or written", async () => {
  const dir = tempDir();
  const path = `${dir}/existing.sqlite`;
  const writer = createSqliteExecutor(path, { readOnly: false });
  await writer.batch([{ sql: "CREATE TABLE b2c_users (id TEXT PRIMARY KEY)", params: [] }]);
  writer.close();
  const before = Deno.readFileSync(path);
  const database = await openDatabase({ ...d1Off, databasePath: path });
  database.close();
  try {
    assertEquals(Deno.readFileSync(path), before);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a DATABASE_PATH that cannot be opened fails with StoreUnavailableError", async () => {
  const dir = tempDir();
  try {
    await assertRejects(
      () => openDatabase({ ...d1Off, databasePath: dir }),
      StoreUnavailableError,
      "Opening the SQLite database failed",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("D1 settings select D1 over HTTP and leave DATABASE_PATH alone", async () => {
  const dir = tempDir();
  const path = `${dir}/unused.sqlite`;
  const requests: string[] = [];
  const fakeFetch = ((input: string | URL | Request) => {
    requests.push(String(input));
    return Promise.resolve(
      Response.json({ success: true, result: [{ success: true, results: [{ ok: 1 }] }] }),
    );
  }) as typeof fetch;
  const database = await openDatabase({
    databasePath: path,
    d1Http: {
      apiBase: "https://d1.invalid/client/v4",
      accountId: "acc",
      databaseId: "db",
      apiToken: "tok",
    },
  }, { fetch: fakeFetch });
  try {
    assertEquals(database.kind, "d1-http");
    assertEquals(await database.executor.batch([{ sql: "SELECT 1 AS ok", params: [] }]), [[{
      ok: 1,
    }]]);
    assertEquals(requests, ["https://d1.invalid/client/v4/accounts/acc/d1/database/db/query"]);
    let exists = true;
    try {
      Deno.statSync(path);
    } catch {
      exists = false;
    }
    assertEquals(exists, false);
  } finally {
    database.close();
    Deno.removeSync(dir, { recursive: true });
  }
});
