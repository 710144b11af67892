import { assertEquals } from "@std/assert";
import { parseConfig } from "@spkey/api";
import { verify } from "hono/jwt";
import { demoEnv, startDemoStandins } from "@spkey/testkit/demo-stack";
import { DEMO_ADMIN, DEMO_JWT_SECRET, signDemoJwt } from "./demo_stack.ts";

Deno.test("signDemoJwt signs the demo admin for 12 hours with HS256", async () => {
  const now = 1_700_000_000;
  const jwt = await signDemoJwt(DEMO_JWT_SECRET, {}, now);
  const header = JSON.parse(atob(jwt.split(".")[0].replaceAll("-", "+").replaceAll("_", "/")));
  assertEquals(header.alg, "HS256");
  const payload = await verify(jwt, DEMO_JWT_SECRET, { alg: "HS256", exp: false, iat: false });
  assertEquals(payload, { ...DEMO_ADMIN, iat: now, exp: now + 12 * 3600 });
  const custom = await verify(
    await signDemoJwt(DEMO_JWT_SECRET, { sub: "other" }),
    DEMO_JWT_SECRET,
    "HS256",
  );
  assertEquals(custom.sub, "other");
});

Deno.test("the demo environment is a valid configuration with 3dEye and Turnkey configured", async () => {
  const standins = await startDemoStandins();
  try {
    const config = parseConfig(demoEnv({ standins, databasePath: "/tmp/unused.sqlite" }));
    assertEquals(config.threedeye?.apiBase, standins.threedeye.url);
    assertEquals(config.threedeye?.customerId, "cust-demo-001");
    assertEquals(config.turnkey?.apiBase, standins.turnkey.url);
    assertEquals(config.databasePath, "/tmp/unused.sqlite");
    assertEquals(config.d1Http, null);
  } finally {
    await standins.close();
  }
});
