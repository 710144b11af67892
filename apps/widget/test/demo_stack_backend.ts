/**
 * The browser tests' API: the real edge service with its demo data and stand-ins, started by the
 * test kit's demo stack (`startDemoStack()` of `@spkey/testkit/demo-stack`).
 *
 * @module
 */
import { turnkeyDemoUser } from "@spkey/testkit";
import { EDGE_APP } from "@spkey/edge/demo";
import { startDemoStack } from "@spkey/testkit/demo-stack";
import type { WidgetBackend } from "./backend.ts";

/** Starts the demo stack and adapts it to {@link WidgetBackend}. */
export async function startDemoStackBackend(): Promise<WidgetBackend> {
  // The tests play the one trusted proxy in front of the API: a test that must not spend the
  // failure budget of the others sends its own client address in X-Forwarded-For.
  const stack = await startDemoStack({
    edge: EDGE_APP,
    env: { TRUSTED_PROXY_HEADER: "X-Forwarded-For", TRUSTED_PROXY_HOPS: "1" },
  });
  try {
    const adminJwt = await stack.makeJwt();
    // A valid token of someone outside the admin email domains: authenticated, not an admin.
    const nonAdminJwt = await stack.makeJwt({ sub: "not-an-admin", email: "someone@example.com" });
    return {
      kind: "demo-stack",
      baseUrl: stack.baseUrl,
      adminKey: stack.adminApiKey,
      adminJwt,
      nonAdminJwt,
      turnkey: {
        userId: turnkeyDemoUser.userId,
        organizationId: stack.standins.turnkey.organizationId,
        userName: turnkeyDemoUser.userName,
      },
      setThreedeyeFault: (fault) => stack.standins.threedeye.setFault(fault),
      close: () => stack.close(),
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
