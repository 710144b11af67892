import { assertEquals } from "@std/assert";
import type { SqlExecutor } from "@spkey/api";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import { DEMO_USERS, startThreedeyeStandin } from "@spkey/testkit";
import {
  BENCH_APP_HEADER,
  createBenchHandler,
  MIDDLEWARE_ONLY_VALUE,
  STORE_ONLY_VALUE,
} from "./bench_app.ts";
import {
  adminHeaders,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
} from "../shared/bench_fixture.ts";

/** `executor` plus a count of the batches (database round trips) it ran. */
function countingExecutor(executor: SqlExecutor & { close(): void }) {
  const counted = {
    batches: 0,
    batch: (statements: Parameters<SqlExecutor["batch"]>[0]) => {
      counted.batches += 1;
      return executor.batch(statements);
    },
    close: () => executor.close(),
  };
  return counted;
}

Deno.test("the bench handler serves the full stack, store-only, middleware-only and the bare route", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-app-test-" });
  const standin = startThreedeyeStandin();
  const executor = countingExecutor(createSqliteExecutor(prepareBenchDatabase(dir)));
  try {
    const credentials = randomCredentials();
    const headers = await adminHeaders(credentials);
    const handler = await createBenchHandler({
      env: serviceSettings({ credentials, threedeyeUrl: standin.url }),
      executor,
      userIds: [DEMO_USERS.healthy, DEMO_USERS.withRecovery, DEMO_USERS.unknown],
      logger: () => {},
    });
    const get = async (path: string, extra: Record<string, string> = headers) => {
      const response = await handler(new Request(`http://bench.test${path}`, { headers: extra }));
      return { status: response.status, body: await response.json() };
    };
    const pathOf = (userId: string) => `/admin/threedeye/users/${userId}`;
    const path = pathOf(DEMO_USERS.healthy);
    const storeOnly = { ...headers, [BENCH_APP_HEADER]: STORE_ONLY_VALUE };
    const middlewareOnly = { ...headers, [BENCH_APP_HEADER]: MIDDLEWARE_ONLY_VALUE };

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
      const batches = executor.batches;
      const answer = await get(path, storeOnly);
      assertEquals(answer.status, 200);
      assertEquals(answer.body.user, { found: true, email: "alice@example.com" });
      assertEquals(answer.body.remote.configured, false);
      assertEquals(standin.counts.pages, 0);
      assertEquals(executor.batches, batches + 1);
    });

    await t.step(
      "middleware-only answers the store-only report with neither the database nor 3dEye",
      async () => {
        for (const userId of [DEMO_USERS.healthy, DEMO_USERS.withRecovery, DEMO_USERS.unknown]) {
          const expected = await get(pathOf(userId), storeOnly);
          standin.resetCounts();
          const batches = executor.batches;
          // Twice: the second answer comes from the same frozen snapshot as the first.
          assertEquals(await get(pathOf(userId), middlewareOnly), expected);
          assertEquals(await get(pathOf(userId.toUpperCase()), middlewareOnly), expected);
          assertEquals(executor.batches, batches, `no database read for ${userId}`);
          assertEquals([standin.counts.token, standin.counts.list, standin.counts.getUser], [
            0,
            0,
            0,
          ]);
        }
        const withRecovery = await get(pathOf(DEMO_USERS.withRecovery), middlewareOnly);
        assertEquals(withRecovery.body.recovery.found, true);
      },
    );

    await t.step("middleware-only keeps auth and validation in front of the store", async () => {
      assertEquals((await get(path, { [BENCH_APP_HEADER]: MIDDLEWARE_ONLY_VALUE })).status, 401);
      const malformed = await get("/admin/threedeye/users/not-a-uuid", middlewareOnly);
      assertEquals([malformed.status, malformed.body.code], [400, 400]);
    });

    await t.step(
      "middleware-only answers 503 for a user whose snapshot it was not given",
      async () => {
        const answer = await get(pathOf(DEMO_USERS.noMapping), middlewareOnly);
        assertEquals(answer.status, 503);
      },
    );
  } finally {
    executor.close();
    await standin.close();
    await Deno.remove(dir, { recursive: true });
  }
});
