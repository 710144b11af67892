/**
 * Runs THE HTTP conformance suite (`@spkey/testkit/conformance`), every case, against
 * the Worker in real workerd (the deployable bundle, via Miniflare) over a local D1 migrated and seeded by
 * wrangler, with the 3dEye and Turnkey stand-ins. Same settings as the Deno server's runner.
 * One more step on the same Worker: zod's own messages are still English in the trimmed bundle.
 *
 * @module
 */
import { assertEquals } from "@std/assert";
import { turnkeyDemoUser } from "@spkey/testkit";
import {
  adminHeaders,
  type ConformanceTarget,
  runConformanceCases,
  send,
  signHs256,
} from "@spkey/testkit/conformance";
import { startWorkerStack } from "./support/worker_stack.ts";
import { ENGLISH_VALIDATION_ENVELOPE, REPEATED_QUERY_PATH } from "./zod_messages.ts";

const ISSUER = "https://auth.smartphonekey.test";
const AUDIENCE = "spkey-admin";
const ORIGIN = "https://admin.smartphonekey.test";

Deno.test("the Worker (workerd + local D1) conforms to the HTTP suite", async (t) => {
  const stack = await startWorkerStack({
    settings: {
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      CORS_ORIGINS: ORIGIN,
      // The suite sends dozens of bad credentials from one address; 429 is unit-tested.
      ADMIN_AUTH_FAILURE_LIMIT: "100000",
    },
  });
  try {
    const target: ConformanceTarget = {
      baseUrl: stack.url,
      adminKey: stack.settings.ADMIN_API_KEYS,
      signJwt: (claims) => signHs256(claims, stack.settings.JWT_SECRET),
      issuer: ISSUER,
      audience: AUDIENCE,
      allowedOrigin: ORIGIN,
      threedeye: "demo",
      turnkey: { organizationId: stack.turnkey!.organizationId, userId: turnkeyDemoUser.userId },
      // The Worker serves apps/widget/dist through its ASSETS binding (built by the widget's
      // build task, which turbo runs first).
      widget: "served",
    };
    await runConformanceCases(t, target);

    await t.step("zod's own validation messages are English (other locales trimmed)", async () => {
      const answer = await send(target, REPEATED_QUERY_PATH, {
        headers: await adminHeaders(target),
      });
      const { requestId, ...body } = answer.json as Record<string, unknown>;
      assertEquals([answer.status, body], [400, ENGLISH_VALIDATION_ENVELOPE]);
      assertEquals(requestId, answer.headers.get("x-request-id"));
    });
  } finally {
    await stack.close();
  }
});
