import { assert, assertEquals } from "@std/assert";
import { DEMO_USERS, startD1HttpStandin } from "@spkey/testkit";
import { EDGE_APP, prepareDemoDatabase, signDemoJwt } from "../src/demo_stack.ts";
import { startEdgeService } from "@spkey/testkit/demo-stack";

const ADMIN_KEY = "edge-d1-test-admin-key-0123456789";
const JWT_SECRET = "edge-d1-test-jwt-secret-0123456789abcdef";
const D1 = {
  accountId: "acc-edge-test",
  databaseId: "db-edge-test",
  apiToken: "d1-api-token-edge-test-secret",
};

Deno.test("with D1 settings the service reads D1 over HTTP: one round trip per diagnostics request, 503 when D1 fails", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-d1-" });
  const d1File = `${dir}/d1.sqlite`;
  const unusedPath = `${dir}/must-not-exist.sqlite`;
  const denoDir = `${dir}/deno`;
  prepareDemoDatabase(d1File);
  const d1 = startD1HttpStandin({ databasePath: d1File, ...D1 });
  const service = await startEdgeService({
    main: EDGE_APP.main,
    env: {
      ADMIN_API_KEYS: ADMIN_KEY,
      JWT_SECRET,
      D1_ACCOUNT_ID: D1.accountId,
      D1_DATABASE_ID: D1.databaseId,
      D1_API_TOKEN: D1.apiToken,
      D1_API_BASE: d1.apiBase,
      DATABASE_PATH: unusedPath,
      // Deno's own KV location (as on Deno Deploy, KV opened without a path) inside the test's dir.
      DENO_DIR: denoDir,
    },
  }).catch(async (error) => {
    await d1.close();
    throw error;
  });
  const headers = {
    "x-admin-api-key": ADMIN_KEY,
    authorization: `Bearer ${await signDemoJwt(JWT_SECRET)}`,
  };
  const diagnose = (id: string) =>
    fetch(`${service.baseUrl}/admin/threedeye/users/${id}`, { headers });
  try {
    await t.step("D1 over HTTP is the selected store; DATABASE_PATH is not touched", async () => {
      assertEquals(service.jsonLogs().find((l) => l.msg === "listening")?.database, "d1-http");
      let exists = true;
      await Deno.stat(unusedPath).catch(() => (exists = false));
      assertEquals(exists, false);
    });

    await t.step("the auth failure count is in the platform's default Deno KV", async () => {
      const line = service.jsonLogs().find((l) => l.msg === "auth failure limiter");
      assertEquals(line?.kind, "deno-kv");
      let kvFiles = 0;
      for await (const origin of Deno.readDir(`${denoDir}/location_data`)) {
        for await (const file of Deno.readDir(`${denoDir}/location_data/${origin.name}`)) {
          if (file.name === "kv.sqlite3") kvFiles++;
        }
      }
      assertEquals(kvFiles, 1, "Deno.openKv() without a path");
      let besideDatabase = true;
      await Deno.stat(`${dir}/auth_failures.kv`).catch(() => (besideDatabase = false));
      assertEquals(besideDatabase, false);
    });

    await t.step("each diagnostics request costs exactly one D1 round trip", async () => {
      d1.resetCounts();
      const ids = [DEMO_USERS.withRecovery, DEMO_USERS.healthy, DEMO_USERS.unknown];
      for (const [i, id] of ids.entries()) {
        const response = await diagnose(id);
        assertEquals(response.status, 200);
        const report = await response.json();
        assertEquals(report.userId, id);
        assertEquals(d1.counts.requests, i + 1);
      }
      const report = await (await diagnose(DEMO_USERS.withRecovery)).json();
      assertEquals(report.recovery, { found: true, roleIds: ["role-owner", "role-viewer"] });
      assertEquals(report.mapping.createdAt, "2026-05-20T16:20:00.000Z");
      assertEquals(report.remote.configured, false);
    });

    await t.step("each search by email costs exactly one D1 round trip", async () => {
      d1.resetCounts();
      const search = (email: string) =>
        fetch(`${service.baseUrl}/admin/threedeye/users?email=${encodeURIComponent(email)}`, {
          headers,
        });
      const found = await search("Alice@Example.COM");
      assertEquals(found.status, 200);
      const body = await found.json();
      assertEquals(body.candidates.map((c: { userId: string }) => c.userId), [
        DEMO_USERS.healthy,
        DEMO_USERS.sharedEmail,
      ]);
      assertEquals(d1.counts.requests, 1);
      const none = await search("nobody@example.com");
      assertEquals([none.status, (await none.json()).candidates], [200, []]);
      assertEquals(d1.counts.requests, 2);
      const malformed = await search("not-an-email");
      await malformed.body?.cancel();
      assertEquals([malformed.status, d1.counts.requests], [400, 2]);
    });

    for (const fault of ["down", "error"] as const) {
      await t.step(`D1 ${fault}: 503 envelope, readyz 503, then recovery`, async () => {
        await d1.setFault(fault);
        const started = performance.now();
        const response = await diagnose(DEMO_USERS.healthy);
        assertEquals(response.status, 503);
        const body = await response.json();
        assertEquals(body.error, "Service Unavailable");
        assertEquals(body.code, 503);
        assertEquals(typeof body.message, "string");
        assertEquals(body.requestId, response.headers.get("x-request-id"));
        assert(!JSON.stringify(body).includes(D1.apiToken));
        assert(performance.now() - started < 6_000);
        const ready = await fetch(`${service.baseUrl}/readyz`);
        await ready.body?.cancel();
        assertEquals(ready.status, 503);
        const search = await fetch(
          `${service.baseUrl}/admin/threedeye/users?email=alice%40example.com`,
          { headers },
        );
        const searchBody = await search.json();
        assertEquals([search.status, searchBody.code], [503, 503]);
        assert(!JSON.stringify(searchBody).includes(D1.apiToken));
        await d1.setFault(null);
        assertEquals((await diagnose(DEMO_USERS.healthy)).status, 200);
      });
    }
  } finally {
    await service.close();
    await d1.close();
    await Deno.remove(dir, { recursive: true });
  }
  const logs = service.logs.join("\n");
  for (
    const secret of [
      ADMIN_KEY,
      JWT_SECRET,
      D1.apiToken,
      headers.authorization.slice(7),
      "alice@example.com",
      "grace@example.com",
    ]
  ) {
    assert(
      !logs.toLowerCase().includes(secret.toLowerCase()),
      "a secret or email reached the logs",
    );
  }
});
