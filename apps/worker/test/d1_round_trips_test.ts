/**
 * One diagnostics request is ONE D1 round trip: the three reads go out as a single `DB.batch`,
 * counted at the binding in real workerd over the real local D1 (see fixtures/counting_entry.ts).
 * So is one search by email.
 */
import { assertEquals } from "@std/assert";
import { DEMO_USERS, signDemoJwt } from "@spkey/testkit";
import { DEMO_WORKER_SECRETS, startWorkerStack } from "./support/worker_stack.ts";

Deno.test("the Worker reads D1 in exactly one batch per request", async (t) => {
  const stack = await startWorkerStack({
    turnkey: false,
    entry: "test/fixtures/counting_entry.ts",
  });
  try {
    const headers = {
      "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
      Authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
    };
    for (const [state, id] of Object.entries(DEMO_USERS)) {
      await t.step(`GET /admin/threedeye/users/:id (${state}) sends one D1 batch`, async () => {
        const response = await fetch(`${stack.url}/admin/threedeye/users/${id}`, { headers });
        const report = await response.json();
        assertEquals(response.status, 200);
        assertEquals(report.userId, id);
        assertEquals(response.headers.get("x-test-d1-batches"), "1");
      });
    }

    await t.step("the report reflects the seeded rows read in that batch", async () => {
      const response = await fetch(
        `${stack.url}/admin/threedeye/users/${DEMO_USERS.withRecovery}`,
        {
          headers,
        },
      );
      const report = await response.json();
      assertEquals(report.user, { found: true, email: "grace@example.com" });
      assertEquals(report.mapping.threedeyeUserId, "td-1007");
      assertEquals(report.recovery, { found: true, roleIds: ["role-owner", "role-viewer"] });
    });

    for (const email of ["ALICE@example.com", "frank@example.com", "nobody@example.com"]) {
      await t.step(`GET /admin/threedeye/users?email=${email} sends one D1 batch`, async () => {
        const response = await fetch(
          `${stack.url}/admin/threedeye/users?email=${encodeURIComponent(email)}`,
          { headers },
        );
        const answer = await response.json();
        assertEquals(response.status, 200);
        assertEquals(answer.email, email);
        assertEquals(response.headers.get("x-test-d1-batches"), "1");
      });
    }

    await t.step("a malformed email is refused before any D1 batch", async () => {
      const response = await fetch(`${stack.url}/admin/threedeye/users?email=not-an-email`, {
        headers,
      });
      await response.body?.cancel();
      assertEquals([response.status, response.headers.get("x-test-d1-batches")], [400, "0"]);
    });

    await t.step("GET /readyz sends one D1 batch", async () => {
      const response = await fetch(`${stack.url}/readyz`);
      await response.body?.cancel();
      assertEquals([response.status, response.headers.get("x-test-d1-batches")], [200, "1"]);
    });

    await t.step("a request rejected before the handler sends none", async () => {
      const response = await fetch(`${stack.url}/admin/threedeye/users/${DEMO_USERS.healthy}`);
      await response.body?.cancel();
      assertEquals([response.status, response.headers.get("x-test-d1-batches")], [401, "0"]);
    });
  } finally {
    await stack.close();
  }
});
