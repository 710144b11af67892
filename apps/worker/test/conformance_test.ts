/**
 * Runs THE HTTP conformance suite (`packages/api/test/conformance/suite.ts`), every case, against
 * the Worker in real workerd (`wrangler dev --local`) over a local D1 migrated and seeded by
 * wrangler, with the 3dEye and Turnkey stand-ins. Same settings as the Deno server's runner.
 *
 * @module
 */
import { turnkeyDemoUser } from "@spkey/standins";
import { signHs256 } from "../../../packages/api/test/conformance/jws.ts";
import { defineConformanceSuite } from "../../../packages/api/test/conformance/suite.ts";
import { startWorkerStack } from "../tools/worker_stack.ts";

const ISSUER = "https://auth.smartphonekey.test";
const AUDIENCE = "spkey-admin";
const ORIGIN = "https://admin.smartphonekey.test";

defineConformanceSuite("the Worker (workerd + local D1) conforms to the HTTP suite", async () => {
  const stack = await startWorkerStack({
    settings: {
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      CORS_ORIGINS: ORIGIN,
      // The suite sends dozens of bad credentials from one address; 429 is unit-tested.
      ADMIN_AUTH_FAILURE_LIMIT: "100000",
    },
  });
  return {
    target: {
      baseUrl: stack.url,
      adminKey: stack.settings.ADMIN_API_KEYS,
      signJwt: (claims) => signHs256(claims, stack.settings.JWT_SECRET),
      issuer: ISSUER,
      audience: AUDIENCE,
      allowedOrigin: ORIGIN,
      threedeye: "demo",
      turnkey: { organizationId: stack.turnkey!.organizationId, userId: turnkeyDemoUser.userId },
      // The Worker serves apps/widget/dist through its ASSETS binding (built if missing).
      widget: "served",
    },
    close: () => stack.close(),
  };
});
