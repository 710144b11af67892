import { assert, assertEquals } from "@std/assert";
import { DEMO_THREEDEYE_CREDENTIALS, startThreedeyeStandin } from "@spkey/testkit";
import { startMixedFaultProxy } from "./mixed_fault_proxy.ts";

Deno.test("the fault proxy deals pass, fail, stall in rotation, token calls included", async () => {
  const standin = startThreedeyeStandin();
  const proxy = startMixedFaultProxy({ upstream: standin.url, stallMs: 60 });
  try {
    const { apiKey, username, password } = DEMO_THREEDEYE_CREDENTIALS;
    const tokenResponse = await fetch(`${proxy.url}/auth/token`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    const { accessToken } = await tokenResponse.json();
    assertEquals(typeof accessToken, "string", "the first call passes, POST body included");

    const timed = async () => {
      const started = performance.now();
      const response = await fetch(`${proxy.url}/users?page=1&pageSize=100`, {
        headers: { authorization: `Bearer ${accessToken}`, "x-api-key": apiKey },
      });
      const body = await response.json();
      return { status: response.status, body, ms: performance.now() - started };
    };
    const failed = await timed();
    const stalled = await timed();
    const passed = await timed();
    assertEquals(failed.status, 500);
    assertEquals([stalled.status, stalled.body.total], [200, 10]);
    assert(stalled.ms >= 55, `the stalled call took ${stalled.ms} ms`);
    assertEquals([passed.status, passed.body.total], [200, 10]);
    assertEquals(proxy.counts, { pass: 2, fail: 1, stall: 1 });
    assertEquals(standin.counts.token, 1);
  } finally {
    await proxy.close();
    await standin.close();
  }
});
