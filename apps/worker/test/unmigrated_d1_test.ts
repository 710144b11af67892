/**
 * The Worker against a local D1 that was never migrated: every query fails inside D1 (no such
 * table), which the app must answer as 503 with its safe envelope — never a 500, never the SQL
 * error — while /healthz, which does not touch the database, stays 200.
 */
import { assertEquals, assertMatch } from "@std/assert";
import { DEMO_USERS, signDemoJwt } from "@spkey/testkit";
import { DEMO_WORKER_SECRETS, startWorkerStack } from "./support/worker_stack.ts";

Deno.test("a Worker on a never-migrated D1", async (t) => {
  const stack = await startWorkerStack({ migrate: false, turnkey: false });
  try {
    const auth = {
      "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
      Authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
    };

    await t.step("answers GET /healthz 200 (liveness does not need the database)", async () => {
      const response = await fetch(`${stack.url}/healthz`);
      assertEquals([response.status, await response.json()], [200, { status: "ok" }]);
    });

    const cases: Array<[string, string, Record<string, string>]> = [
      ["GET /admin/threedeye/users/:id", `/admin/threedeye/users/${DEMO_USERS.healthy}`, auth],
      [
        "GET /admin/threedeye/users/:id (unknown user)",
        `/admin/threedeye/users/${DEMO_USERS.unknown}`,
        auth,
      ],
    ];
    for (const [name, path, headers] of cases) {
      await t.step(`answers ${name} with the 503 envelope and no database detail`, async () => {
        const response = await fetch(stack.url + path, { headers });
        const text = await response.text();
        assertEquals(response.status, 503, text);
        assertMatch(response.headers.get("content-type") ?? "", /^application\/json/);
        const body = JSON.parse(text);
        assertEquals(body.error, "Service Unavailable");
        assertEquals(body.code, 503);
        assertEquals(body.requestId, response.headers.get("x-request-id"));
        assertEquals(typeof body.message, "string");
        for (const leak of ["SQLITE", "no such table", "b2c_users", "D1_ERROR"]) {
          assertEquals(text.includes(leak), false, `the body mentions ${leak}: ${text}`);
        }
      });
    }

    await t.step("logs the failure with the reason for the operator", async () => {
      const line = await stack.waitForLog((l) => l.msg === "request failed" && l.status === 503);
      assertEquals(line.level, "warn");
      assertEquals(line.error, "StoreUnavailableError");
      assertEquals(
        line.detail,
        "Reading from D1 failed: the schema is missing (are the migrations applied?)",
      );
    });
  } finally {
    await stack.close();
  }
});
