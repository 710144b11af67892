/**
 * Settings the Worker gets from wrangler.jsonc's `vars` as JSON numbers are honoured (read as
 * their text), any other non-text value stops start-up naming the variable, and the settings'
 * warnings are logged once per isolate. Real workerd (Miniflare) given the vars as JSON bindings,
 * as wrangler gives a number in wrangler.jsonc.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { DEMO_WORKER_SECRETS, startWorkerStack } from "./support/worker_stack.ts";

const REPORT = "/admin/threedeye/users/11111111-1111-4111-8111-111111111111";

Deno.test("a Worker whose wrangler.jsonc vars hold numbers", async (t) => {
  const stack = await startWorkerStack({
    threedeye: false,
    turnkey: false,
    vars: { ADMIN_AUTH_FAILURE_LIMIT: 3, ADMIN_AUTH_FAILURE_WINDOW_SECONDS: 7 },
    // A JWKS without issuer and audience: valid, but worth a warning. Never fetched here.
    settings: { JWT_SECRET: "", JWT_JWKS_URL: "http://127.0.0.1:9/jwks.json" },
  });
  try {
    await t.step("honours ADMIN_AUTH_FAILURE_LIMIT: 3 (429 on the fourth attempt)", async () => {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(stack.url + REPORT, {
          headers: { "X-Admin-API-Key": "wrong-admin-key-0123456789" },
        });
        await response.body?.cancel();
        assertEquals(response.status, 401, `attempt ${i + 1}`);
      }
      const limited = await fetch(stack.url + REPORT, {
        headers: { "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey },
      });
      await limited.body?.cancel();
      assertEquals(limited.status, 429);
      const retryAfter = Number(limited.headers.get("retry-after"));
      assert(retryAfter >= 1 && retryAfter <= 7, `Retry-After ${retryAfter}: the 7 s window`);
    });

    await t.step("logs the settings warning once for the isolate", async () => {
      const response = await fetch(stack.url + "/healthz");
      await response.body?.cancel();
      const warning = await stack.waitForLog((line) => line.msg === "config warning");
      assertStringIncludes(String(warning.warning), "JWT_JWKS_URL is set without JWT_ISSUER");
      assertEquals(warning.level, "warn");
      assertEquals(
        stack.jsonLogs().filter((line) => line.msg === "config warning").length,
        1,
        "once, after five requests",
      );
      assertEquals(stack.output().includes("127.0.0.1:9"), false, "no value in the warning");
    });
  } finally {
    await stack.close();
  }
});

Deno.test("a Worker whose wrangler.jsonc holds a list under a setting's name refuses to start", async () => {
  const stack = await startWorkerStack({
    migrate: false,
    threedeye: false,
    turnkey: false,
    vars: { CORS_ORIGINS: ["https://admin.example.com"] },
  });
  try {
    const response = await fetch(stack.url + "/healthz", {
      headers: { "X-Request-Id": "typed-var-check" },
    });
    const body = await response.json();
    assertEquals(response.status, 500);
    assertEquals(body.message, "The service is not configured correctly.");
    const line = await stack.waitForLog((l) => l.requestId === "typed-var-check");
    assertEquals(
      line.reason,
      "CORS_ORIGINS must be text, a number or a boolean; write a list as comma-separated text.",
    );
  } finally {
    await stack.close();
  }
});
