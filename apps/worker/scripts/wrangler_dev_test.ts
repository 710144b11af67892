/**
 * `deno task dev`'s runner: `wrangler dev --local` from source over the local backends (a D1
 * migrated and seeded by wrangler, the stand-ins), as `scripts/dev.ts` starts it. The tests and
 * benchmarks use Miniflare instead; this keeps the developer's path working.
 */
import { assertEquals, assertMatch } from "@std/assert";
import { DEMO_USERS, signDemoJwt } from "@spkey/testkit";
import { join } from "node:path";
import { writeDevVarsFile } from "./dev_vars_file.ts";
import { DEMO_WORKER_SECRETS, startLocalBackends } from "./local_backends.ts";
import { startWranglerDev } from "./wrangler_dev.ts";

Deno.test("wrangler dev serves the Worker from source over the local backends", async (t) => {
  const persistTo = await Deno.makeTempDir({ prefix: "spkey-worker-dev-" });
  const backends = await startLocalBackends({ persistTo, turnkey: false });
  try {
    const envFile = join(persistTo, "dev.env");
    await writeDevVarsFile(envFile, backends.settings);
    const worker = await startWranglerDev({ port: 0, persistTo, envFile });
    try {
      await t.step("the report reads the seeded rows and asks the 3dEye stand-in", async () => {
        const response = await fetch(`${worker.url}/admin/threedeye/users/${DEMO_USERS.healthy}`, {
          headers: {
            "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
            Authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
          },
        });
        const report = await response.json();
        assertEquals(response.status, 200);
        assertEquals(report.user.found, true);
        assertEquals(report.remote.error, null);
      });

      await t.step("the widget is served through the ASSETS binding", async () => {
        const response = await fetch(`${worker.url}/widget.js`);
        await response.body?.cancel();
        assertEquals(response.status, 200);
        assertMatch(response.headers.get("content-type") ?? "", /javascript/);
      });
    } finally {
      await worker.close();
    }
  } finally {
    await backends.close();
    await Deno.remove(persistTo, { recursive: true });
  }
});
