import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { migrateSqlite } from "@spkey/api/sqlite";
import { DatabaseSync } from "node:sqlite";
import { demoDatabase } from "./demo_data.ts";
import { demoSeedSql, seedDemoData } from "./demo_seed.ts";

function counts(path: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return ["b2c_users", "threedeye_users", "threedeye_recovery"].map((table) =>
      Number(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n)
    );
  } finally {
    db.close();
  }
}

Deno.test("seedDemoData fills a migrated file and is idempotent under foreign keys", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/demo.sqlite`;
    migrateSqlite(path);
    seedDemoData(path);
    seedDemoData(path);
    assertEquals(counts(path), [8, 6, 1]);
    const db = new DatabaseSync(path, { readOnly: true });
    const row = db.prepare("SELECT password FROM threedeye_users WHERE threedeye_user_id = ?")
      .get("td-1003");
    db.close();
    assertEquals(row?.password, null);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("seedDemoData into an unmigrated file fails clearly and writes nothing", () => {
  const dir = Deno.makeTempDirSync();
  try {
    assertThrows(() => seedDemoData(`${dir}/empty.sqlite`), Error, "Seeding the demo data failed");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("demoSeedSql is plain statements D1 accepts, with quotes escaped", () => {
  const sql = demoSeedSql({
    ...demoDatabase,
    b2c_users: [{ id: "u-1", email: "o'brien@example.com", created_at: "2026-01-01" }],
    threedeye_users: [],
    threedeye_recovery: [],
  });
  assertStringIncludes(sql, "'o''brien@example.com'");
  assertEquals(/\b(BEGIN|COMMIT|TRANSACTION)\b/i.test(demoSeedSql()), false);
  assertEquals(demoSeedSql().split("\n").filter((l) => l.startsWith("INSERT")).length, 15);
});
