/**
 * Runs THE hostile-upstream suite (`@spkey/testkit`' `runHostileUpstreamCases`) against the
 * Worker in real workerd: the deployable bundle, built afresh from the current source by the
 * stack, served through the Miniflare API over a local D1 migrated and seeded by wrangler, with
 * the 3dEye and Turnkey stand-ins. The memory measured is workerd's own process.
 *
 * Not `wrangler dev`: its workerd runs the unminified dev build with the inspector on, and spent
 * about ten times the CPU of the deployable bundle on the same 4 MiB body here (1,000 ms against
 * 90 ms), which measures the dev tooling rather than the Worker.
 *
 * @module
 */
import {
  findDescendantProcess,
  HOSTILE_SERVICE_SETTINGS,
  runHostileUpstreamCases,
  signDemoJwt,
} from "@spkey/testkit";
import { DEMO_WORKER_SECRETS, startWorkerStack, type WorkerStack } from "./support/worker_stack.ts";

Deno.test("the Worker (workerd) under hostile upstreams: bounded memory, time and calls", async (t) => {
  let stack: WorkerStack | null = null;
  try {
    stack = await startWorkerStack({ settings: { ...HOSTILE_SERVICE_SETTINGS } });
    const workerd = findDescendantProcess(stack.parentPid, "workerd");
    if (workerd === null) throw new Error("Measuring the Worker failed: no workerd process");
    await runHostileUpstreamCases(t, {
      runtime: "Worker (workerd)",
      baseUrl: stack.url,
      pid: workerd,
      headers: {
        "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
        Authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
      },
      threedeye: stack.threedeye!,
      turnkey: stack.turnkey!,
    });
  } finally {
    await stack?.close();
  }
});
