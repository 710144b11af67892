import { assertEquals, assertRejects } from "@std/assert";
import { DEMO_USERS, signDemoJwt } from "@spkey/testkit";
import { join } from "node:path";
import { bundleWorker } from "../../scripts/bundle_worker.ts";
import { startMiniflareWorker } from "./miniflare_worker.ts";
import { DEMO_WORKER_SECRETS, startWorkerStack } from "./worker_stack.ts";

Deno.test("Miniflare serves the deployable bundle over the D1 wrangler seeded", async (t) => {
  const outDir = await Deno.makeTempDir({ prefix: "spkey-worker-bundle-" });
  try {
    const scriptPath = await bundleWorker(outDir);
    const stack = await startWorkerStack({
      threedeye: false,
      turnkey: false,
      settings: { LOG_LEVEL: "info" },
      scriptPath,
    });
    try {
      await t.step("the report reads the seeded rows through the DB binding", async () => {
        const response = await fetch(
          `${stack.url}/admin/threedeye/users/${DEMO_USERS.withRecovery}`,
          {
            headers: {
              "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
              Authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
            },
          },
        );
        const report = await response.json();
        assertEquals(response.status, 200);
        assertEquals(report.user, { found: true, email: "grace@example.com" });
      });

      await t.step("/readyz finds the migrated schema", async () => {
        const response = await fetch(`${stack.url}/readyz`);
        await response.body?.cancel();
        assertEquals(response.status, 200);
      });

      await t.step("the Worker's request log lines are kept", async () => {
        const line = await stack.waitForLog((l) => l.msg === "request" && l.route === "/readyz");
        assertEquals(line.status, 200);
      });
    } finally {
      await stack.close();
    }
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("startMiniflareWorker names a missing bundle", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assertRejects(
      () =>
        startMiniflareWorker({ persistTo: dir, settings: {}, scriptPath: join(dir, "none.js") }),
      Error,
      "Starting the Worker in Miniflare failed",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
