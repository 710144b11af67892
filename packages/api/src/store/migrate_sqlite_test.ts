import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { DatabaseSync } from "node:sqlite";
import { migrateSqlite, MIGRATIONS_DIR, readMigrations } from "./migrate_sqlite.ts";

const INITIAL = "0001_initial.sql";
const EMAIL_INDEX = "0002_b2c_users_email_index.sql";

function withTempDir(fn: (dir: string) => void) {
  const dir = Deno.makeTempDirSync({ prefix: "spkey-migrate-test-" });
  try {
    fn(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

function query(path: string, sql: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

Deno.test("migrateSqlite creates the file and folder, applies every migration and records them like wrangler", () => {
  withTempDir((dir) => {
    const path = `${dir}/nested/fresh.sqlite`;
    assertEquals(migrateSqlite(path), { applied: [INITIAL, EMAIL_INDEX] });
    const tables = query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .map((row) => row.name);
    for (const table of ["b2c_users", "d1_migrations", "threedeye_recovery", "threedeye_users"]) {
      assertEquals(tables.includes(table), true, table);
    }
    const columns = query(path, "PRAGMA table_info(d1_migrations)")
      .map(({ name, type, notnull, pk }) => ({ name, type, notnull, pk }));
    assertEquals(columns, [
      { name: "id", type: "INTEGER", notnull: 0, pk: 1 },
      { name: "name", type: "TEXT", notnull: 0, pk: 0 },
      { name: "applied_at", type: "TIMESTAMP", notnull: 1, pk: 0 },
    ]);
    assertEquals(query(path, "SELECT id, name FROM d1_migrations"), [
      { id: 1, name: INITIAL },
      { id: 2, name: EMAIL_INDEX },
    ]);
    assertEquals(query(path, "SELECT COUNT(*) AS n FROM b2c_users"), [{ n: 0 }]);
  });
});

Deno.test("migrateSqlite is idempotent and applies only pending files, in name order", () => {
  withTempDir((dir) => {
    const migrations = `${dir}/migrations`;
    Deno.mkdirSync(migrations);
    Deno.writeTextFileSync(`${migrations}/0001_a.sql`, "CREATE TABLE a (x TEXT);");
    const path = `${dir}/db.sqlite`;
    assertEquals(migrateSqlite(path, { migrationsDir: migrations }), { applied: ["0001_a.sql"] });
    assertEquals(migrateSqlite(path, { migrationsDir: migrations }), { applied: [] });
    Deno.writeTextFileSync(`${migrations}/0003_c.sql`, "CREATE TABLE c (x TEXT);");
    Deno.writeTextFileSync(`${migrations}/0002_b.sql`, "CREATE TABLE b (x TEXT);");
    Deno.writeTextFileSync(`${migrations}/README.md`, "not a migration");
    assertEquals(migrateSqlite(path, { migrationsDir: migrations }), {
      applied: ["0002_b.sql", "0003_c.sql"],
    });
    assertEquals(
      query(path, "SELECT name FROM d1_migrations ORDER BY id").map((r) => r.name),
      ["0001_a.sql", "0002_b.sql", "0003_c.sql"],
    );
  });
});

Deno.test("a failing migration is rolled back, not recorded, and named in the error", () => {
  withTempDir((dir) => {
    const migrations = `${dir}/migrations`;
    Deno.mkdirSync(migrations);
    Deno.writeTextFileSync(`${migrations}/0001_ok.sql`, "CREATE TABLE ok (x TEXT);");
    Deno.writeTextFileSync(
      `${migrations}/0002_broken.sql`,
      "CREATE TABLE half (x TEXT);\nTHIS IS NOT SQL;",
    );
    const path = `${dir}/db.sqlite`;
    const error = assertThrows(() => migrateSqlite(path, { migrationsDir: migrations }));
    assertStringIncludes(error.message, "0002_broken.sql");
    assertEquals(query(path, "SELECT name FROM d1_migrations").map((r) => r.name), ["0001_ok.sql"]);
    assertEquals(query(path, "SELECT name FROM sqlite_master WHERE name = 'half'"), []);
  });
});

Deno.test("readMigrations lists the repository's migrations in order", () => {
  const names = readMigrations().map((m) => m.name);
  assertEquals(names.slice(0, 2), [INITIAL, EMAIL_INDEX]);
  assertEquals([...names].sort(), names);
});

Deno.test("0002 indexes b2c_users.email with the NOCASE collation the search compares with", () => {
  withTempDir((dir) => {
    const path = `${dir}/indexed.sqlite`;
    migrateSqlite(path);
    assertEquals(query(path, "PRAGMA index_xinfo(b2c_users_email_nocase)")[0], {
      seqno: 0,
      cid: 1,
      name: "email",
      desc: 0,
      coll: "NOCASE",
      key: 1,
    });
  });
});

Deno.test("a database migrated before 0002 gets only the email index on the next run, rows intact", () => {
  withTempDir((dir) => {
    // The folder as it was before 0002: only the initial migration.
    const before = `${dir}/before`;
    Deno.mkdirSync(before);
    Deno.copyFileSync(new URL(INITIAL, MIGRATIONS_DIR), `${before}/${INITIAL}`);
    const path = `${dir}/existing.sqlite`;
    assertEquals(migrateSqlite(path, { migrationsDir: before }), { applied: [INITIAL] });
    const db = new DatabaseSync(path);
    db.exec(
      "INSERT INTO b2c_users (id, email, created_at) VALUES ('u-1', 'a@example.com', '2026')",
    );
    db.close();
    const indexes = () =>
      query(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .map((row) => row.name);
    assertEquals(indexes(), []);

    assertEquals(migrateSqlite(path), { applied: [EMAIL_INDEX] });
    assertEquals(indexes(), ["b2c_users_email_nocase"]);
    assertEquals(query(path, "SELECT id, email FROM b2c_users"), [
      { id: "u-1", email: "a@example.com" },
    ]);
  });
});
