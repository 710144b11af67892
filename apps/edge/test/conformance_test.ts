/**
 * Runs THE HTTP conformance suite (`@spkey/testkit/conformance`) against the real Deno
 * server: `main.ts` as a subprocess over the seeded demo SQLite file, with the 3dEye and Turnkey
 * stand-ins.
 *
 * @module
 */
import { turnkeyDemoUser } from "@spkey/testkit";
import { loadWidgetBundle } from "@spkey/widget";
import { sign } from "hono/jwt";
import { defineConformanceSuite } from "@spkey/testkit/conformance";
import { startDemoStack } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

const ISSUER = "https://auth.smartphonekey.test";
const AUDIENCE = "spkey-admin";
const ORIGIN = "https://admin.smartphonekey.test";

defineConformanceSuite("the Deno server (main.ts) conforms to the HTTP suite", async () => {
  const stack = await startDemoStack({
    edge: EDGE_APP,
    env: {
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      CORS_ORIGINS: ORIGIN,
      // The suite sends dozens of bad credentials from one address; 429 is unit-tested.
      ADMIN_AUTH_FAILURE_LIMIT: "100000",
    },
  });
  const widget = await loadWidgetBundle() === null ? "absent" : "served";
  return {
    target: {
      baseUrl: stack.baseUrl,
      adminKey: stack.adminApiKey,
      signJwt: (claims) => sign(claims, stack.jwtSecret, "HS256"),
      issuer: ISSUER,
      audience: AUDIENCE,
      allowedOrigin: ORIGIN,
      threedeye: "demo",
      turnkey: {
        organizationId: stack.standins.turnkey.organizationId,
        userId: turnkeyDemoUser.userId,
      },
      widget,
    },
    close: () => stack.close(),
  };
});
