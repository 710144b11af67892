/**
 * Upstream faults as the Worker in workerd meets them: a failing 3dEye is an answer inside a 200
 * (`remote.error`, the rest of the report intact), Turnkey failures map to 502/504, and no
 * secret, token or JWT reaches a response or a log line.
 */
import { assert, assertEquals, assertLess } from "@std/assert";
import type { ThreedeyeDiagnostics } from "@spkey/contracts";
import {
  DEMO_THREEDEYE_CREDENTIALS,
  signDemoJwt,
  turnkeyDemoUser,
  turnkeyStandinApiKey,
} from "@spkey/testkit";
import type { ThreedeyeFault, TurnkeyStandinFault } from "@spkey/testkit";
import { EXPECTED_REPORTS } from "@spkey/testkit/conformance";
import { DEMO_WORKER_SECRETS, startWorkerStack } from "./support/worker_stack.ts";

const TIMEOUT_MS = 500;

/** The healthy user's report when the 3dEye probe failed with `error`. */
function healthyWithProbeError(error: string): ThreedeyeDiagnostics {
  const expected = EXPECTED_REPORTS.healthy;
  return {
    ...expected,
    mapping: { ...expected.mapping, remoteAccountExists: null },
    remote: {
      configured: true,
      customerId: null,
      customerUserCount: null,
      emailPresentInCustomer: null,
      match: null,
      sampleEmails: [],
      error,
    },
  };
}

Deno.test("the Worker under upstream faults", async (t) => {
  const stack = await startWorkerStack({
    threedeye: { slowMs: 5000 },
    turnkey: { slowMs: 5000 },
    settings: { THREEDEYE_TIMEOUT_MS: String(TIMEOUT_MS), TURNKEY_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
  const threedeye = stack.threedeye!;
  const turnkey = stack.turnkey!;
  const jwt = await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret);
  const headers = {
    "X-Admin-API-Key": DEMO_WORKER_SECRETS.adminApiKey,
    Authorization: `Bearer ${jwt}`,
  };
  const bodies: string[] = [];
  // `no-cache`: every report meets 3dEye rather than the listing the Worker keeps.
  const get = async (path: string) => {
    const started = performance.now();
    const response = await fetch(stack.url + path, {
      headers: { ...headers, "Cache-Control": "no-cache" },
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, json: JSON.parse(text), ms: performance.now() - started };
  };
  const diagnose = () => get(`/admin/threedeye/users/${EXPECTED_REPORTS.healthy.userId}`);

  try {
    await t.step("3dEye healthy: the full report (and a cached 3dEye token)", async () => {
      const { status, json } = await diagnose();
      assertEquals([status, json], [200, EXPECTED_REPORTS.healthy]);
    });

    // The failing call is the listing when the token is cached, else the token call: each step
    // caches a token first, so a recycled isolate cannot change which call fails.
    const threedeyeFaults: Array<[ThreedeyeFault, string, (call: string) => string]> = [
      ["error500", "answers HTTP 500", (call) => `3dEye answered HTTP 500 (${call})`],
      ["malformed", "answers malformed JSON", (call) => `3dEye answered malformed JSON (${call})`],
      [
        "slow",
        "is slower than the timeout",
        (call) => `3dEye timed out after ${TIMEOUT_MS} ms (${call})`,
      ],
      ["down", "refuses connections", (call) => `3dEye could not be reached (${call})`],
    ];
    for (const [fault, what, message] of threedeyeFaults) {
      await t.step(
        `3dEye ${what}: 200 with the report and remote.error "${message("GET /users")}"`,
        async () => {
          await diagnose(); // caches a token, so the listing is the call that fails
          await threedeye.setFault(fault);
          try {
            const { status, json, ms } = await diagnose();
            assertEquals(status, 200);
            const call = json.remote.error?.endsWith("(POST /auth/token)")
              ? "POST /auth/token"
              : "GET /users";
            assertEquals(json, healthyWithProbeError(message(call)));
            assertLess(ms, TIMEOUT_MS + 2500);
          } finally {
            await threedeye.setFault(null);
          }
        },
      );
    }

    await t.step("3dEye back up: the full report again", async () => {
      const { status, json } = await diagnose();
      assertEquals([status, json], [200, EXPECTED_REPORTS.healthy]);
    });

    await t.step("3dEye expired the token: one new token, then the full report", async () => {
      await diagnose(); // caches the token that is about to expire
      await threedeye.setFault("expire_tokens");
      threedeye.resetCounts();
      const { status, json } = await diagnose();
      assertEquals([status, json], [200, EXPECTED_REPORTS.healthy]);
      assertEquals(threedeye.counts.token, 1);
      assertEquals(threedeye.counts.unauthorized >= 1, true);
    });

    const turnkeyPath = `/admin/turnkey/users/${turnkeyDemoUser.userId}`;
    await t.step("Turnkey healthy: 200 with the user", async () => {
      const { status, json } = await get(turnkeyPath);
      assertEquals([status, json.user?.userId], [200, turnkeyDemoUser.userId]);
    });

    await t.step("Turnkey rate-limits once: retried, then 200", async () => {
      turnkey.setFault("rate_limit_once");
      const { status } = await get(turnkeyPath);
      assertEquals(status, 200);
    });

    const turnkeyFaults: Array<[TurnkeyStandinFault, number, string]> = [
      ["unauthorized", 502, "Turnkey rejected the server's API key."],
      ["garbage", 502, "Turnkey answered with an unexpected response."],
      ["server_error", 502, "The Turnkey request failed."],
      ["slow", 504, "Turnkey did not answer in time."],
    ];
    for (const [fault, code, message] of turnkeyFaults) {
      await t.step(`Turnkey fault ${fault}: ${code} "${message}"`, async () => {
        turnkey.setFault(fault);
        try {
          const { status, json } = await get(turnkeyPath);
          assertEquals(status, code);
          assertEquals(json.error, code === 504 ? "Gateway Timeout" : "Bad Gateway");
          assertEquals(json.message, message);
          assertEquals(json.code, code);
        } finally {
          turnkey.setFault(null);
        }
      });
    }

    await t.step("no secret, token or JWT reaches a response or the Worker's output", async () => {
      await stack.waitForLog((line) => line.msg === "request" && line.status === 504);
      const secrets = [
        DEMO_WORKER_SECRETS.adminApiKey,
        DEMO_WORKER_SECRETS.jwtSecret,
        jwt,
        DEMO_THREEDEYE_CREDENTIALS.apiKey,
        DEMO_THREEDEYE_CREDENTIALS.password,
        turnkeyStandinApiKey.apiPrivateKey,
        ...threedeye.issuedTokens(),
      ];
      assert(threedeye.issuedTokens().length >= 2);
      const seen = [...bodies, stack.output()].join("\n");
      for (const secret of secrets) assertEquals(seen.includes(secret), false);
    });
  } finally {
    await stack.close();
  }
});
