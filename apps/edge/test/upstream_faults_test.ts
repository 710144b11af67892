import { assert, assertEquals, assertLess } from "@std/assert";
import {
  DEMO_THREEDEYE_CREDENTIALS,
  DEMO_USERS,
  demoDatabase,
  demoThreedeyeUsers,
  generateThreedeyeUsers,
  turnkeyStandinApiKey,
} from "@spkey/testkit";
import { DEMO_ADMIN, EDGE_APP } from "../src/demo_stack.ts";
import { type DemoStack, startDemoStack } from "@spkey/testkit/demo-stack";

const TIMEOUT_MS = 500;
const SLACK_MS = 1500;

/** One report; `no-cache`, so that every one meets 3dEye rather than the kept listing. */
async function diagnose(stack: DemoStack, id: string, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(`${stack.baseUrl}/admin/threedeye/users/${id}`, {
    headers: { ...headers, "Cache-Control": "no-cache" },
  });
  const body = await response.json();
  return { status: response.status, body, ms: performance.now() - started };
}

/** The report when the live probe failed: everything remote is null/[] except the error. */
function failedRemote(error: string) {
  return {
    configured: true,
    customerId: null,
    customerUserCount: null,
    emailPresentInCustomer: null,
    match: null,
    sampleEmails: [],
    error,
  };
}

Deno.test("the Deno service under upstream faults: exact outcomes in bounded time, nothing leaked", async (t) => {
  const stack = await startDemoStack({
    edge: EDGE_APP,
    env: {
      THREEDEYE_TIMEOUT_MS: String(TIMEOUT_MS),
      THREEDEYE_PAGE_SIZE: "100",
      THREEDEYE_MAX_USERS: "2000",
      THREEDEYE_PAGE_CONCURRENCY: "4",
    },
    threedeye: { slowMs: 10_000 },
  });
  const threedeye = stack.standins.threedeye;
  const headers = await stack.adminHeaders();
  const jwts = [headers.authorization.slice("Bearer ".length)];
  try {
    await t.step("100 concurrent cold requests cause exactly one 3dEye token request", async () => {
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => diagnose(stack, DEMO_USERS.healthy, headers)),
      );
      assertEquals(answers.map((a) => a.status), Array(100).fill(200));
      assertEquals(threedeye.counts.token, 1);
      assertEquals(answers.every((a) => a.body.remote.error === null), true);
    });

    await t.step("healthy demo user: the full report", async () => {
      const { status, body } = await diagnose(stack, DEMO_USERS.healthy, headers);
      assertEquals(status, 200);
      assertEquals(body.mapping, {
        found: true,
        threedeyeUserId: "td-1001",
        hasPassword: true,
        createdAt: "2026-01-05T10:00:00.000Z",
        remoteAccountExists: true,
      });
      assertEquals(body.remote.customerId, "cust-demo-001");
      assertEquals(body.remote.customerUserCount, 10);
      assertEquals([body.remote.emailPresentInCustomer, body.remote.match], [true, true]);
      assertEquals(body.remote.sampleEmails[0], "alice@example.com");
    });

    const faults = [
      ["down", "3dEye could not be reached (GET /users)"],
      ["slow", `3dEye timed out after ${TIMEOUT_MS} ms (GET /users)`],
      ["error500", "3dEye answered HTTP 500 (GET /users)"],
      ["malformed", "3dEye answered malformed JSON (GET /users)"],
    ] as const;
    for (const [fault, message] of faults) {
      await t.step(`3dEye ${fault}: 200 with remote.error "${message}"`, async () => {
        await threedeye.setFault(fault);
        try {
          const { status, body, ms } = await diagnose(stack, DEMO_USERS.healthy, headers);
          assertEquals(status, 200);
          assertEquals(body.remote, failedRemote(message));
          assertEquals(body.user, { found: true, email: "alice@example.com" });
          assertEquals(body.mapping.found, true);
          assertEquals(body.mapping.remoteAccountExists, null);
          assertLess(ms, TIMEOUT_MS + SLACK_MS);
          if (fault === "slow") assert(ms >= TIMEOUT_MS - 50, `answered after ${ms} ms`);
        } finally {
          await threedeye.setFault(null);
        }
      });
    }

    await t.step("token expiry mid-flight: one refresh, then a normal report", async () => {
      await threedeye.setFault("expire_tokens");
      threedeye.resetCounts();
      const { status, body } = await diagnose(stack, DEMO_USERS.healthy, headers);
      assertEquals(status, 200);
      assertEquals(body.remote.error, null);
      assertEquals(threedeye.counts.unauthorized, 1);
      assertEquals(threedeye.counts.token, 1);
    });

    await t.step(
      "a 10,000-user customer: capped scan, concurrent pages, one lookup by id",
      async () => {
        threedeye.setUsers(generateThreedeyeUsers(10_000));
        threedeye.resetCounts();
        try {
          const { status, body, ms } = await diagnose(stack, DEMO_USERS.healthy, headers);
          assertEquals(status, 200);
          assertEquals(body.remote.customerUserCount, 10_000);
          assertEquals(body.remote.error, null);
          // Beyond the cap: not seen, so unknown (not absent); the account is asked for by id.
          assertEquals(body.remote.emailPresentInCustomer, null);
          assertEquals(body.mapping.remoteAccountExists, false);
          // 2000-user cap / 100 per page = 20 pages, 4 at a time after the first; then td-1001
          // is looked up by id because the scan was incomplete.
          assertEquals(threedeye.counts.pages, 20);
          assertEquals(threedeye.counts.list, 1);
          assert(
            threedeye.counts.maxConcurrentPages > 1 && threedeye.counts.maxConcurrentPages <= 4,
          );
          assertEquals(threedeye.counts.getUser, 1);
          assertEquals(threedeye.counts.token, 0);
          assertLess(ms, 5_000);
        } finally {
          threedeye.setUsers(demoThreedeyeUsers);
        }
      },
    );

    await t.step("unauthenticated and malformed requests are refused without a probe", async () => {
      threedeye.resetCounts();
      const anonymous = await fetch(`${stack.baseUrl}/admin/threedeye/users/${DEMO_USERS.healthy}`);
      assertEquals(anonymous.status, 401);
      await anonymous.body?.cancel();
      const notUuid = await fetch(`${stack.baseUrl}/admin/threedeye/users/not-a-uuid`, { headers });
      assertEquals(notUuid.status, 400);
      await notUuid.body?.cancel();
      assertEquals(threedeye.counts.pages, 0);
    });
  } finally {
    await stack.close();
  }

  await t.step("no secret, token, JWT or demo email appears in the captured logs", () => {
    const logs = stack.service.logs.join("\n");
    assert(stack.service.logs.length > 100, "the service logged its requests");
    const secrets = [
      stack.adminApiKey,
      stack.jwtSecret,
      ...jwts,
      DEMO_THREEDEYE_CREDENTIALS.apiKey,
      DEMO_THREEDEYE_CREDENTIALS.password,
      DEMO_THREEDEYE_CREDENTIALS.username,
      turnkeyStandinApiKey.apiPrivateKey,
      ...threedeye.issuedTokens(),
    ];
    const emails = [
      DEMO_ADMIN.email,
      ...demoDatabase.b2c_users.flatMap((u) => (u.email ? [u.email] : [])),
      ...demoThreedeyeUsers.flatMap((u) => (u.email ? [u.email] : [])),
    ];
    for (const value of [...secrets, ...emails]) {
      assert(
        !logs.includes(value),
        `the logs contain a secret or an email (${value.length} chars)`,
      );
    }
    assert(!/@example\.(com|net)/i.test(logs), "an example email reached the logs");
    assert(!/^\s+at\s/m.test(logs), "a stack trace reached the logs");
  });
});
