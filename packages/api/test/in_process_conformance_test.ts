/**
 * Runs THE conformance suite against `createApp` served in-process by `Deno.serve`, over real
 * SQLite and the loopback stand-ins: once with every integration, once with none.
 *
 * @module
 */
import { assert, assertGreaterOrEqual } from "@std/assert";
import { BAD_INPUT_COUNT, defineConformanceSuite } from "@spkey/testkit/conformance";
import { startInProcessServer } from "./support/in_process_server.ts";

Deno.test("the bad-input matrix has at least 40 cases", () => {
  assertGreaterOrEqual(BAD_INPUT_COUNT, 40);
});

const logs: Record<string, unknown>[] = [];

defineConformanceSuite(
  "in-process Deno server with SQLite, 3dEye and Turnkey stand-ins conforms",
  () =>
    startInProcessServer({
      threedeye: true,
      turnkey: true,
      widget: true,
      logger: (l) => logs.push(l),
    }),
);

defineConformanceSuite(
  "in-process Deno server without integrations conforms",
  () => startInProcessServer({ threedeye: false, turnkey: false, widget: false }),
);

Deno.test("the conformance run logged requests but no JWT, key or email", () => {
  assert(logs.length > 50, `only ${logs.length} lines`);
  const text = JSON.stringify(logs);
  for (
    const forbidden of [
      "conformance-admin-key",
      "conformance-jwt-secret",
      "eyJ",
      "@example.com",
      "@smartphonekey",
    ]
  ) {
    assert(!text.includes(forbidden), `logs contain ${forbidden}`);
  }
});
