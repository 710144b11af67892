// An embedded SQLite file made before migration 0002 (the email index): the service serves the
// search from it as it is (a full scan, nothing written), and `deno task migrate` brings it up to
// date without touching its rows.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { createSqliteExecutor, migrateSqlite, MIGRATIONS_DIR } from "@spkey/api/sqlite";
import { DEMO_USERS, seedDemoData, signDemoJwt } from "@spkey/testkit";
import { edgeCommand, startEdgeService } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

const MIGRATE = new URL("../migrate.ts", import.meta.url);
const ADMIN_KEY = "edge-migrate-test-admin-key-0123456789";
const JWT_SECRET = "edge-migrate-test-jwt-secret-0123456789abcdef";

/** A demo file migrated with 0001 only, as files made before 0002 are. */
async function fileBefore0002(dir: string): Promise<string> {
  const before = `${dir}/migrations-before-0002`;
  await Deno.mkdir(before);
  await Deno.copyFile(new URL("0001_initial.sql", MIGRATIONS_DIR), `${before}/0001_initial.sql`);
  const path = `${dir}/existing.sqlite`;
  migrateSqlite(path, { migrationsDir: before });
  seedDemoData(path);
  return path;
}

async function indexesOf(path: string): Promise<string[]> {
  const db = createSqliteExecutor(path);
  try {
    const [rows] = await db.batch([{
      sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
      params: [],
    }]);
    return rows.map((row) => String(row.name));
  } finally {
    db.close();
  }
}

async function runMigrate(path: string) {
  const { code, stdout, stderr } = await edgeCommand(MIGRATE, { DATABASE_PATH: path }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes).trim();
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

Deno.test("a file made before 0002 is served unchanged, then `deno task migrate` adds the index", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-migrate-" });
  try {
    const path = await fileBefore0002(dir);
    assertEquals(await indexesOf(path), []);

    await t.step("the service searches it without the index and writes nothing", async () => {
      const before = await Deno.readFile(path);
      const service = await startEdgeService({
        main: EDGE_APP.main,
        env: { ADMIN_API_KEYS: ADMIN_KEY, JWT_SECRET, DATABASE_PATH: path },
      });
      try {
        const response = await fetch(
          `${service.baseUrl}/admin/threedeye/users?email=ALICE%40example.com`,
          {
            headers: {
              "X-Admin-API-Key": ADMIN_KEY,
              Authorization: `Bearer ${await signDemoJwt(JWT_SECRET)}`,
            },
          },
        );
        assertEquals(response.status, 200);
        const body = await response.json();
        assertEquals(body.candidates.map((c: { userId: string }) => c.userId), [
          DEMO_USERS.healthy,
          DEMO_USERS.sharedEmail,
        ]);
      } finally {
        await service.close();
      }
      assertEquals(await Deno.readFile(path), before);
    });

    await t.step("migrate applies 0002 only, keeps the rows, and is idempotent", async () => {
      const first = await runMigrate(path);
      assertEquals(first, {
        code: 0,
        stdout: `${path}: applied 0002_b2c_users_email_index.sql`,
        stderr: "",
      });
      assertEquals(await indexesOf(path), ["b2c_users_email_nocase"]);
      const db = createSqliteExecutor(path);
      try {
        const [[users]] = await db.batch([{
          sql: "SELECT COUNT(*) AS n FROM b2c_users",
          params: [],
        }]);
        assertEquals(users.n, 8);
      } finally {
        db.close();
      }
      assertEquals((await runMigrate(path)).stdout, `${path}: up to date`);
    });

    await t.step("a file that is not a database fails with one error line", async () => {
      const broken = `${dir}/not-a-database.sqlite`;
      await Deno.writeTextFile(broken, "this is not SQLite");
      const result = await runMigrate(broken);
      assertEquals(result.code, 1);
      assert(result.stderr.startsWith("error: "), result.stderr);
      assertEquals(result.stderr.split("\n").length, 1);
      assertStringIncludes(result.stderr, "not a database");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
