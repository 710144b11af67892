import { assertEquals } from "@std/assert";
import {
  DEMO_THREEDEYE_CREDENTIALS,
  generateThreedeyeUsers,
  recordingTracer,
  startThreedeyeStandin,
} from "@spkey/testkit";
import { createThreedeyeClient } from "./client.ts";

Deno.test("with a tracer, every 3dEye call is a span named after the call: token, each page, a user", async () => {
  const standin = startThreedeyeStandin({ users: generateThreedeyeUsers(250) });
  const tracer = recordingTracer();
  try {
    const client = createThreedeyeClient({
      baseUrl: standin.url,
      ...DEMO_THREEDEYE_CREDENTIALS,
      pageSize: 100,
      tracer,
    });
    await tracer.inSpan("lookup", {}, async () => {
      await client.listCustomerUsers(() => {});
      await client.getUser("td-missing");
    });
    const [lookup] = tracer.childrenOf(null);
    const calls = tracer.childrenOf(lookup);
    assertEquals(calls.map((s) => s.name), [
      "3dEye POST /auth/token",
      "3dEye GET /users",
      "3dEye GET /users",
      "3dEye GET /users",
      "3dEye GET /users/{id}",
    ]);
    assertEquals(
      [standin.counts.token, standin.counts.pages, standin.counts.getUser],
      [1, 3, 1],
    );
    // A 404 is an answer (the user is gone), not a failed call.
    assertEquals(calls.map((s) => [s.attributes["http.response.status_code"], s.failed]), [
      [200, undefined],
      [200, undefined],
      [200, undefined],
      [200, undefined],
      [404, undefined],
    ]);
    const recorded = JSON.stringify(tracer.spans.map((s) => [s.name, s.attributes]));
    for (
      const secret of [
        DEMO_THREEDEYE_CREDENTIALS.apiKey,
        DEMO_THREEDEYE_CREDENTIALS.password,
        ...standin.issuedTokens(),
        "td-missing",
        "pageSize",
      ]
    ) {
      assertEquals(recorded.includes(secret), false, secret);
    }
  } finally {
    await standin.close();
  }
});
