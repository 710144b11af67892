import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import { isAbsolute, join } from "node:path";
import { WORKER_DIR } from "../../scripts/node_modules_path.ts";
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
    assets: null,
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

Deno.test("readWranglerConfig resolves the ASSETS folder to the built widget's", async () => {
  const config = await readWranglerConfig();
  assertEquals(config.assets, {
    binding: "ASSETS",
    directory: join(WORKER_DIR, "..", "widget", "dist"),
  });
  assert(isAbsolute(config.assets!.directory));
  assertEquals(parseWranglerConfig(`{ "compatibility_date": "2026-01-01" }`).assets, null);
});

Deno.test("parseWranglerConfig keeps typed vars as wrangler passes them", () => {
  const config = parseWranglerConfig(`{ "compatibility_date": "2026-01-01", "vars": { "N": 3 } }`);
  assertEquals(config.vars, { N: 3 });
});
