import { assert, assertEquals } from "@std/assert";
import { demoDatabase, demoThreedeyeUsers } from "@spkey/testkit";
import {
  adminHeaders,
  buildTestApp,
  TEST_ADMIN_KEY,
  TEST_JWT_SECRET,
  TEST_ROTATED_KEY,
  testEnv,
} from "../test/support/test_app.ts";
import { createLogger } from "./logging.ts";

const SECRETS = {
  THREEDEYE_API_KEY: "td-api-key-must-not-leak-1",
  THREEDEYE_PASSWORD: "td-password-must-not-leak-2",
  D1_API_TOKEN: "d1-token-must-not-leak-3",
  TURNKEY_API_PRIVATE_KEY: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
};

Deno.test("a whole run of requests logs no secret, token, key, password or email", async () => {
  const env = testEnv({
    ...SECRETS,
    THREEDEYE_USERNAME: "svc-user",
    THREEDEYE_CUSTOMER_ID: "cust-demo-001",
    TURNKEY_API_PUBLIC_KEY: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
    D1_ACCOUNT_ID: "acc",
    D1_DATABASE_ID: "db",
    ADMIN_AUTH_FAILURE_LIMIT: "3",
  });
  const { app, logs } = buildTestApp({ env });
  const good = await adminHeaders();
  const tokens = [good.Authorization.slice(7)];
  const requests: Array<[string, Record<string, string>]> = [];
  for (const row of demoDatabase.b2c_users) {
    requests.push([`/admin/threedeye/users/${row.id}`, good]);
  }
  const forbidden = await adminHeaders({ email: "someone@example.com" });
  tokens.push(forbidden.Authorization.slice(7));
  requests.push(
    ["/admin/threedeye/users/99999999-9999-4999-8999-999999999999", forbidden],
    ["/admin/threedeye/users/not-a-uuid", good],
    ["/admin/threedeye/users/11111111-1111-4111-8111-111111111111", {
      ...good,
      "X-Admin-API-Key": "wrong-key-but-long-enough",
    }],
    ["/admin/threedeye/users/11111111-1111-4111-8111-111111111111", {
      "X-API-Key": TEST_ROTATED_KEY,
      Authorization: "Bearer x.y.z",
    }],
    ["/admin/turnkey/users/someone", good],
    ["/nope", good],
  );
  for (let i = 0; i < 5; i++) {
    requests.push(["/admin/threedeye/users/11111111-1111-4111-8111-111111111111", {
      "X-Admin-API-Key": "x".repeat(20),
    }]);
  }
  for (const [path, headers] of requests) {
    const res = await app.request(path, { headers });
    await res.body?.cancel();
  }
  const text = JSON.stringify(logs);
  const forbiddenStrings = [
    ...Object.values(SECRETS),
    TEST_ADMIN_KEY,
    TEST_ROTATED_KEY,
    TEST_JWT_SECRET,
    ...tokens,
    ...tokens.map((t) => t.split(".")[1]),
    "someone@example.com",
    "ops@smartphonekey.com",
    "smartphonekey.com",
    ...demoDatabase.b2c_users.flatMap((u) => (u.email ? [u.email] : [])),
    ...demoThreedeyeUsers.flatMap((u) => (u.email ? [u.email] : [])),
    ...demoDatabase.threedeye_users.flatMap((u) => (u.password ? [u.password] : [])),
  ];
  for (const secret of forbiddenStrings) {
    assert(
      !text.toLowerCase().includes(secret.toLowerCase()),
      `logs contain ${secret.slice(0, 12)}…`,
    );
  }
  assert(logs.some((l) => l.status === 429), "the run covered rate limiting");
  assert(logs.filter((l) => l.msg === "audit").length >= demoDatabase.b2c_users.length);
});

Deno.test("one request line per request, with the route pattern and the admin subject", async () => {
  let clock = Date.now();
  const { app, logs } = buildTestApp({ now: () => (clock += 5) });
  const res = await app.request("/admin/threedeye/users/11111111-1111-4111-8111-111111111111", {
    headers: { ...(await adminHeaders()), "X-Request-Id": "req-log-1" },
  });
  await res.body?.cancel();
  const lines = logs.filter((l) => l.msg === "request");
  assertEquals(lines, [{
    level: "info",
    msg: "request",
    method: "GET",
    route: "/admin/threedeye/users/:userId",
    status: 200,
    durationMs: lines[0].durationMs,
    requestId: "req-log-1",
    admin: "admin-7f3a",
  }]);
  assert(typeof lines[0].durationMs === "number" && lines[0].durationMs >= 0);
  assertEquals(logs.find((l) => l.msg === "audit"), {
    level: "info",
    msg: "audit",
    action: "threedeye.lookup",
    userId: "11111111-1111-4111-8111-111111111111",
    outcome: "found",
    admin: "admin-7f3a",
    requestId: "req-log-1",
  });
});

Deno.test("createLogger drops lines below the configured level", () => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger((l) => lines.push(l), "warn");
  log("info", "request", {});
  log("warn", "auth rejected", { requestId: "r" });
  log("error", "request failed", {});
  assertEquals(lines.map((l) => l.level), ["warn", "error"]);
});
