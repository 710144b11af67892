import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import { parseConfig } from "./config.ts";
import { ConfigError } from "./config_parse.ts";
import { createServices } from "./services.ts";
import { KEY_PAIR_MISMATCH } from "./turnkey_stamper.ts";

const BASE = {
  ADMIN_API_KEYS: "admin-key-0123456789abcdef",
  JWT_SECRET: "jwt-secret-0123456789abcdefghijklmnopqr",
};
const executor = { batch: () => Promise.resolve([[{ ok: 1 }]]) };

Deno.test("createServices leaves unconfigured integrations null", async () => {
  const services = createServices(parseConfig(BASE), { executor });
  assertEquals(services.threedeye, null);
  assertEquals(services.turnkey, null);
  await services.store.ping();
});

Deno.test("createServices builds the 3dEye directory and the Turnkey client from settings", () => {
  const services = createServices(
    parseConfig({
      ...BASE,
      THREEDEYE_API_KEY: "k",
      THREEDEYE_USERNAME: "u",
      THREEDEYE_PASSWORD: "p",
      THREEDEYE_CUSTOMER_ID: "cust-demo-001",
      TURNKEY_API_PUBLIC_KEY: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
      TURNKEY_API_PRIVATE_KEY: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
      TURNKEY_ORGANIZATION_ID: "org-1",
    }),
    { executor },
  );
  assertStrictEquals(services.threedeye?.customerId, "cust-demo-001");
  assertEquals(services.turnkey?.organizationId, "org-1");
  assertEquals(typeof services.turnkey?.client.getUser, "function");
});

Deno.test("createServices leaves a mismatched Turnkey pair to the first lookup, which sends nothing", async () => {
  const config = parseConfig({
    ...BASE,
    TURNKEY_API_PUBLIC_KEY: "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae",
    TURNKEY_API_PRIVATE_KEY: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
  });
  let sent = 0;
  const fetch = () => (sent++, Promise.resolve(Response.json({})));
  const services = createServices(config, { executor, fetch });
  const lookup = () =>
    services.turnkey!.client.getUser({ organizationId: "org-1", userId: "user-1" });
  await assertRejects(lookup, ConfigError, KEY_PAIR_MISMATCH);
  await assertRejects(lookup, ConfigError, KEY_PAIR_MISMATCH);
  assertEquals(sent, 0);
});
