/**
 * Runs THE hostile-upstream suite (`@spkey/testkit`' `runHostileUpstreamCases`) against the real
 * Deno server: `main.ts` as a subprocess over the seeded demo SQLite file, with the 3dEye and
 * Turnkey stand-ins; the server subprocess's own memory is measured.
 *
 * @module
 */
import { HOSTILE_SERVICE_SETTINGS, runHostileUpstreamCases } from "@spkey/testkit";
import { startDemoStack } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

Deno.test("the Deno server under hostile upstreams: bounded memory, time and calls", async (t) => {
  const stack = await startDemoStack({ edge: EDGE_APP, env: { ...HOSTILE_SERVICE_SETTINGS } });
  try {
    await runHostileUpstreamCases(t, {
      runtime: "Deno server",
      baseUrl: stack.baseUrl,
      pid: stack.service.pid,
      headers: await stack.adminHeaders(),
      threedeye: stack.standins.threedeye,
      turnkey: stack.standins.turnkey,
    });
  } finally {
    await stack.close();
  }
});
