import { assertEquals, assertMatch, assertThrows } from "@std/assert";
import { parseWranglerConfig, readWranglerConfig } from "./wrangler_config.ts";

Deno.test("readWranglerConfig reads the member's date, vars and D1 database id", async () => {
  const config = await readWranglerConfig();
  assertMatch(config.compatibilityDate, /^\d{4}-\d{2}-\d{2}$/);
  assertEquals(config.vars.ADMIN_EMAIL_DOMAINS, "smartphonekey.com");
  assertMatch(config.d1Databases.DB, /^[0-9a-f-]{36}$/);
  assertEquals(config.durableObjects, {
    AUTH_FAILURES: { className: "AuthFailureCounter", useSQLite: true },
  });
});

Deno.test("parseWranglerConfig prefers a D1 preview id, as wrangler dev does", () => {
  const config = parseWranglerConfig(
    `{ "compatibility_date": "2026-01-01",
       "d1_databases": [{ "binding": "DB", "database_id": "prod", "preview_database_id": "dev" }] }`,
  );
  assertEquals(config, {
    compatibilityDate: "2026-01-01",
    vars: {},
    d1Databases: { DB: "dev" },
    durableObjects: {},
  });
});

Deno.test("parseWranglerConfig rejects a config without a compatibility date", () => {
  assertThrows(
    () => parseWranglerConfig("{}"),
    Error,
    "Reading wrangler.jsonc failed: it has no compatibility_date.",
  );
  assertThrows(() => parseWranglerConfig("{ nope"), Error, "Reading wrangler.jsonc failed");
});
