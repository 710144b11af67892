import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import { runEdgeMain, startEdgeService } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

const BASE_SETTINGS = {
  ADMIN_API_KEYS: "edge-test-admin-key-0123456789",
  JWT_SECRET: "edge-test-jwt-secret-0123456789abcdef",
};

Deno.test("main.ts creates and migrates a missing DATABASE_PATH, then serves /healthz and /readyz", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-start-" });
  const path = `${dir}/fresh/spkey.sqlite`;
  const service = await startEdgeService({
    main: EDGE_APP.main,
    env: { ...BASE_SETTINGS, DATABASE_PATH: path },
  });
  try {
    const ready = await fetch(`${service.baseUrl}/readyz`);
    await ready.body?.cancel();
    assertEquals(ready.status, 200);
    const listening = service.jsonLogs().find((line) => line.msg === "listening");
    assertEquals(listening?.database, "sqlite");
    assertEquals(listening?.hostname, "127.0.0.1");
    const db = createSqliteExecutor(path);
    try {
      assertEquals(
        await db.batch([
          { sql: "SELECT name FROM d1_migrations", params: [] },
          { sql: "SELECT COUNT(*) AS n FROM b2c_users", params: [] },
        ]),
        [[{ name: "0001_initial.sql" }, { name: "0002_b2c_users_email_index.sql" }], [{ n: 0 }]],
      );
    } finally {
      db.close();
    }
  } finally {
    await service.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing or invalid setting stops start-up with one clear line and exit code 1", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-config-" });
  const databasePath = `${dir}/never.sqlite`;
  const cases: Array<[string, Record<string, string>, string, string?]> = [
    ["ADMIN_API_KEYS missing", { JWT_SECRET: BASE_SETTINGS.JWT_SECRET }, "ADMIN_API_KEYS"],
    [
      "JWT_SECRET too short (value not echoed)",
      { ...BASE_SETTINGS, JWT_SECRET: "short-secret-value" },
      "JWT_SECRET",
      "short-secret-value",
    ],
    ["PORT out of range", { ...BASE_SETTINGS, PORT: "99999" }, "PORT"],
    [
      "partial D1 group",
      { ...BASE_SETTINGS, D1_ACCOUNT_ID: "acc", D1_API_TOKEN: "d1-token-never-echoed" },
      "D1_DATABASE_ID",
      "d1-token-never-echoed",
    ],
  ];
  try {
    for (const [name, env, variable, secret] of cases) {
      await t.step(name, async () => {
        const { code, stdout, stderr } = await runEdgeMain(EDGE_APP.main, {
          ...env,
          DATABASE_PATH: databasePath,
        });
        assertEquals(code, 1);
        assertEquals(stdout, "");
        const lines = stderr.split("\n").filter((line) => line.trim() !== "");
        assertEquals(lines.length, 1, stderr);
        assertMatch(lines[0], /^error: /);
        assertStringIncludes(lines[0], variable);
        assert(!/^\s+at\s|\.ts:\d+/m.test(stderr), `stack in: ${stderr}`);
        if (secret) assert(!stderr.includes(secret), "value echoed");
      });
    }
    let created = true;
    await Deno.stat(databasePath).catch(() => (created = false));
    assertEquals(created, false, "no database is created before the settings are valid");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a DATABASE_PATH that cannot be opened stops start-up with one line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-badpath-" });
  try {
    const { code, stderr } = await runEdgeMain(EDGE_APP.main, {
      ...BASE_SETTINGS,
      DATABASE_PATH: dir,
    });
    assertEquals(code, 1);
    assertEquals(stderr.trim(), "error: Opening the SQLite database failed");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main.ts logs each settings warning once, as one JSON line, before listening", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-warn-" });
  const { JWT_SECRET: _, ...withoutSecret } = BASE_SETTINGS;
  const service = await startEdgeService({
    main: EDGE_APP.main,
    env: {
      ...withoutSecret,
      JWT_JWKS_URL: "https://auth.example.com/.well-known/jwks.json",
      JWT_ISSUER: "https://auth.example.com",
      DATABASE_PATH: `${dir}/spkey.sqlite`,
    },
  });
  try {
    const logs = service.jsonLogs();
    const warnings = logs.filter((line) => line.msg === "config warning");
    assertEquals(warnings.length, 1);
    assertEquals(warnings[0].level, "warn");
    assertStringIncludes(String(warnings[0].warning), "JWT_JWKS_URL is set without JWT_AUDIENCE");
    assert(!String(warnings[0].warning).includes("auth.example.com"), "no value in the warning");
    assert(
      logs.indexOf(warnings[0]) < logs.findIndex((line) => line.msg === "listening"),
      "before listening",
    );
  } finally {
    await service.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main.ts logs no settings warning for an HS256 secret", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-nowarn-" });
  const service = await startEdgeService({
    main: EDGE_APP.main,
    env: { ...BASE_SETTINGS, DATABASE_PATH: `${dir}/spkey.sqlite` },
  });
  try {
    assert(service.jsonLogs().some((line) => line.msg === "listening"));
    assertEquals(service.jsonLogs().filter((line) => line.msg === "config warning"), []);
  } finally {
    await service.close();
    await Deno.remove(dir, { recursive: true });
  }
});
