import { assertEquals } from "@std/assert";
import { migrateSqlite } from "@spkey/api/sqlite";
import { startD1HttpStandin } from "./d1_http_standin.ts";
import { seedDemoData } from "./demo_seed.ts";

Deno.test("D1 HTTP stand-in: single and batch queries, Cloudflare envelopes, faults", async () => {
  const dir = Deno.makeTempDirSync();
  const databasePath = `${dir}/d1.sqlite`;
  migrateSqlite(databasePath);
  seedDemoData(databasePath);
  const standin = startD1HttpStandin({
    databasePath,
    accountId: "a",
    databaseId: "d",
    apiToken: "tok",
  });
  const query = (body: unknown, token = "tok", path = "/accounts/a/d1/database/d/query") =>
    fetch(`${standin.apiBase}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  try {
    const single = await (await query({
      sql: "SELECT email FROM b2c_users WHERE id = ?",
      params: ["11111111-1111-4111-8111-111111111111"],
    })).json();
    assertEquals(single.success, true);
    assertEquals(single.result[0].results, [{ email: "alice@example.com" }]);

    const batch = await (await query({
      batch: [
        { sql: "SELECT COUNT(*) AS n FROM b2c_users" },
        { sql: "SELECT ? AS echo", params: ["x"] },
      ],
    })).json();
    assertEquals(batch.result.map((r: { results: unknown[] }) => r.results), [[{ n: 8 }], [{
      echo: "x",
    }]]);

    const denied = await query({ sql: "SELECT 1" }, "wrong");
    assertEquals([denied.status, (await denied.json()).errors[0].code], [401, 10000]);
    const elsewhere = await query(
      { sql: "SELECT 1" },
      "tok",
      "/accounts/a/d1/database/other/query",
    );
    assertEquals(elsewhere.status, 404);
    await elsewhere.body?.cancel();
    const badSql = await query({ batch: [{ sql: "SELECT 1" }, { sql: "SELEC nope" }] });
    const badBody = await badSql.json();
    assertEquals([badSql.status, badBody.success, badBody.result], [400, false, null]);

    await standin.setFault("error");
    const broken = await query({ sql: "SELECT 1" });
    assertEquals(broken.status, 500);
    await broken.body?.cancel();
    await standin.setFault("down");
    let refused = false;
    await query({ sql: "SELECT 1" }).catch(() => (refused = true));
    assertEquals(refused, true);
    await standin.setFault(null);
    assertEquals((await query({ sql: "SELECT 1 AS one" })).status, 200);
    assertEquals(standin.counts.requests, 7); // the refused one never arrived
    assertEquals(standin.counts.queries, 3);
  } finally {
    await standin.close();
    Deno.removeSync(dir, { recursive: true });
  }
});
