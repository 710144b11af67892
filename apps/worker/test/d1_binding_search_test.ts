/**
 * The user search by email through the D1 BINDING executor over a real local D1 (workerd through
 * the Miniflare API; the database migrated and seeded by wrangler itself, as an operator's would
 * be): the answer, ONE `DB.batch` per search, and migration 0002's index in D1's query plan.
 */
import { assert, assertEquals } from "@std/assert";
import { createD1BindingExecutor, type D1Database } from "@spkey/api";
import { createDiagnosticsStore, usersByEmailStatement } from "@spkey/api/store";
import { DEMO_USERS, demoSeedSql } from "@spkey/testkit";
import { Miniflare } from "miniflare";
import { executeOnLocalD1, migrateLocalD1 } from "../scripts/local_d1.ts";
import { wranglerD1PersistPath } from "./support/miniflare_worker.ts";
import { readWranglerConfig } from "./support/wrangler_config.ts";

Deno.test("the search by email on the D1 binding: one batch, NOCASE, the 0002 index", async (t) => {
  const persistTo = await Deno.makeTempDir({ prefix: "spkey-d1-search-" });
  let miniflare: Miniflare | undefined;
  try {
    await migrateLocalD1(persistTo);
    await executeOnLocalD1(persistTo, demoSeedSql(), "demo_seed.sql");
    const config = await readWranglerConfig();
    miniflare = new Miniflare({
      modules: true,
      // Only the binding is used; the Worker itself is never called.
      script: "export default { fetch: () => new Response(null, { status: 404 }) };",
      compatibilityDate: config.compatibilityDate,
      d1Databases: config.d1Databases,
      d1Persist: wranglerD1PersistPath(persistTo),
    });
    const db = await miniflare.getD1Database("DB") as unknown as D1Database;
    let batches = 0;
    const counted: D1Database = {
      prepare: (sql) => db.prepare(sql),
      batch(statements) {
        batches += 1;
        return db.batch(statements);
      },
    };
    const store = createDiagnosticsStore(createD1BindingExecutor(counted));

    await t.step("alice's address in any ASCII case finds both users, oldest first", async () => {
      batches = 0;
      assertEquals(await store.findUsersByEmail("ALICE@example.COM", 20), {
        candidates: [
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
        ],
        truncated: false,
      });
      assertEquals(batches, 1);
    });

    await t.step("a cut answer says so; no match is empty; each is one batch", async () => {
      batches = 0;
      const cut = await store.findUsersByEmail("alice@example.com", 1);
      assertEquals([cut.candidates.map((c) => c.id), cut.truncated], [[DEMO_USERS.healthy], true]);
      assertEquals(await store.findUsersByEmail("nobody@example.com", 20), {
        candidates: [],
        truncated: false,
      });
      assertEquals(batches, 2);
    });

    await t.step("D1 plans the statement as a seek on b2c_users_email_nocase", async () => {
      const { sql, params } = usersByEmailStatement("alice@example.com", 20);
      const [plan] = await db.batch([db.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params)]);
      const steps = (plan.results ?? []).map((row) => String((row as { detail: unknown }).detail));
      assert(
        steps.includes("SEARCH u USING INDEX b2c_users_email_nocase (email=?)"),
        steps.join("; "),
      );
      assert(!steps.some((step) => step.startsWith("SCAN")), steps.join("; "));
    });
  } finally {
    await miniflare?.dispose();
    await Deno.remove(persistTo, { recursive: true });
  }
});
