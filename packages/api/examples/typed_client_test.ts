// The typed RPC example against a real server (createApp over SQLite + stand-ins on loopback).
import { assertEquals } from "@std/assert";
import { DEMO_USERS } from "@spkey/testkit";
import { adminClaims } from "@spkey/testkit/conformance";
import { startInProcessServer } from "../test/support/in_process_server.ts";
import { createDiagnosticsClient } from "./typed_client.ts";

Deno.test("examples/typed_client.ts looks up reports and surfaces error envelopes", async () => {
  const { target, close } = await startInProcessServer({
    threedeye: true,
    turnkey: false,
    widget: false,
  });
  try {
    const client = createDiagnosticsClient({
      baseUrl: target.baseUrl,
      adminKey: target.adminKey,
      jwt: await target.signJwt(adminClaims(target)),
    });
    const healthy = await client.lookup(DEMO_USERS.healthy);
    assertEquals(
      healthy.ok && [healthy.report.mapping.threedeyeUserId, healthy.report.remote.match],
      [
        "td-1001",
        true,
      ],
    );
    const bad = await client.lookup("not-a-uuid");
    assertEquals(!bad.ok && [bad.status, bad.error.code, bad.error.error], [
      400,
      400,
      "Bad Request",
    ]);

    const stranger = createDiagnosticsClient({
      baseUrl: target.baseUrl,
      adminKey: target.adminKey,
      jwt: await target.signJwt(adminClaims(target, { email: "someone@example.com" })),
    });
    const forbidden = await stranger.lookup(DEMO_USERS.healthy);
    assertEquals(!forbidden.ok && forbidden.status, 403);
  } finally {
    await close();
  }
});
