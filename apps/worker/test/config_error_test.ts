/**
 * A Worker whose settings are invalid answers every request with a generic 500 envelope and logs
 * the one-line reason (naming the variable, never its value).
 */
import { assertEquals, assertMatch } from "@std/assert";
import { startWorkerStack, type WorkerStack } from "./support/worker_stack.ts";

const SHORT_SECRET = "short-jwt-secret-value";

Deno.test("a Worker with an invalid setting", async (t) => {
  const stack: WorkerStack = await startWorkerStack({
    migrate: false,
    threedeye: false,
    turnkey: false,
    settings: { JWT_SECRET: SHORT_SECRET },
  });
  try {
    const { url } = stack;

    for (
      const path of ["/healthz", "/admin/threedeye/users/11111111-1111-4111-8111-111111111111"]
    ) {
      await t.step(`answers GET ${path} with the generic 500 envelope`, async () => {
        const response = await fetch(url + path);
        const body = await response.json();
        const requestId = response.headers.get("x-request-id");
        assertEquals(response.status, 500);
        assertMatch(response.headers.get("content-type") ?? "", /^application\/json/);
        assertMatch(requestId ?? "", /^req_[0-9a-f]{24}$/);
        assertEquals(body, {
          error: "Internal Server Error",
          message: "The service is not configured correctly.",
          code: 500,
          requestId,
        });
        assertEquals(response.headers.get("cache-control"), "no-store");
      });
    }

    await t.step("keeps a well-formed caller request id", async () => {
      const response = await fetch(url + "/readyz", { headers: { "X-Request-Id": "cfg-check-1" } });
      await response.body?.cancel();
      assertEquals(response.headers.get("x-request-id"), "cfg-check-1");
    });

    await t.step("logs the reason naming the variable, without its value", async () => {
      const line = await stack.waitForLog((l) => l.requestId === "cfg-check-1");
      assertEquals(line, {
        level: "error",
        msg: "worker start-up failed",
        requestId: "cfg-check-1",
        reason: "JWT_SECRET must be at least 32 characters.",
      });
      assertEquals(stack.output().includes(SHORT_SECRET), false);
    });
  } finally {
    await stack.close();
  }
});
