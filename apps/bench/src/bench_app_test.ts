import { assertEquals } from "@std/assert";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import { DEMO_USERS, startThreedeyeStandin } from "@spkey/standins";
import { createBenchHandler, STORE_ONLY_HEADER, STORE_ONLY_VALUE } from "./bench_app.ts";
import {
  adminHeaders,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
} from "./bench_fixture.ts";

Deno.test("the bench handler serves the full stack, the store-only app and the bare route", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-app-test-" });
  const standin = startThreedeyeStandin();
  const executor = createSqliteExecutor(prepareBenchDatabase(dir));
  try {
    const credentials = randomCredentials();
    const headers = await adminHeaders(credentials);
    const handler = await createBenchHandler({
      env: serviceSettings({ credentials, threedeyeUrl: standin.url }),
      executor,
      userIds: [DEMO_USERS.healthy, DEMO_USERS.unknown],
      logger: () => {},
    });
    const get = async (path: string, extra: Record<string, string> = headers) => {
      const response = await handler(new Request(`http://bench.test${path}`, { headers: extra }));
      return { status: response.status, body: await response.json() };
    };
    const path = `/admin/threedeye/users/${DEMO_USERS.healthy}`;

    await t.step("the bare route answers the very report the full route gives", async () => {
      const full = await get(path);
      const bare = await get(`/bare${path}`);
      assertEquals(full.status, 200);
      assertEquals(full.body.remote.customerUserCount, 10);
      assertEquals(bare, full);
    });

    await t.step(
      "the bare route does nothing else: no auth, 404 for ids it was not given",
      async () => {
        assertEquals((await get(`/bare${path}`, {})).status, 200);
        const other = `/bare/admin/threedeye/users/${DEMO_USERS.noMapping}`;
        assertEquals((await get(other)).status, 404);
      },
    );

    await t.step("the full route keeps its auth", async () => {
      assertEquals((await get(path, {})).status, 401);
    });

    await t.step("the store-only app reads the database without probing 3dEye", async () => {
      standin.resetCounts();
      const storeOnly = await get(path, { ...headers, [STORE_ONLY_HEADER]: STORE_ONLY_VALUE });
      assertEquals(storeOnly.status, 200);
      assertEquals(storeOnly.body.user, { found: true, email: "alice@example.com" });
      assertEquals(storeOnly.body.remote.configured, false);
      assertEquals(standin.counts.pages, 0);
    });
  } finally {
    executor.close();
    await standin.close();
    await Deno.remove(dir, { recursive: true });
  }
});
