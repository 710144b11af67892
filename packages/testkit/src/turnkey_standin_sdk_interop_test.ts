// The Turnkey stand-in judged by Turnkey's own SDK: the real `@turnkey/http` `TurnkeyClient`
// (its paths, headers, body serialization and fetch) calls the running stand-in, stamped once by
// our `createApiKeyStamper` and once by the SDK's `ApiKeyStamper`. The stand-in verifies each stamp
// for real, so a pass means it accepts what the real SDK sends: it is a fair stand-in.
import { ApiKeyStamper } from "@turnkey/api-key-stamper";
import { type TurnkeyApiTypes, TurnkeyClient, TurnkeyRequestError } from "@turnkey/http";
import { assert, assertEquals, assertInstanceOf, assertRejects } from "@std/assert";
import type { TurnkeyUser } from "@spkey/contracts";
import { createApiKeyStamper } from "@spkey/contracts/stamp";
import {
  startTurnkeyStandin,
  turnkeyDemoUser,
  type TurnkeyStandin,
  turnkeyStandinApiKey,
} from "./turnkey_standin.ts";

// Type-level: a user typed by the SDK (generated from the same swagger) must be a valid TurnkeyUser
// of ours. `deno test` type-checks this line: a field we require that the SDK lacks, or a type that
// differs from the SDK's, fails the suite.
const _sdkUserFitsOurs = (user: TurnkeyApiTypes["v1User"]): TurnkeyUser => user;

/** A key pair from Turnkey's SDK test fixtures: valid, but not one the stand-in trusts. */
const UNTRUSTED_KEY = {
  apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
};

async function withStandin(run: (standin: TurnkeyStandin) => Promise<void>): Promise<void> {
  const standin = await startTurnkeyStandin();
  try {
    await run(standin);
  } finally {
    await standin.close();
  }
}

const STAMPERS = [
  ["our createApiKeyStamper", () => createApiKeyStamper(turnkeyStandinApiKey)],
  ["the SDK's ApiKeyStamper", () => new ApiKeyStamper(turnkeyStandinApiKey)],
] as const;

for (const [name, makeStamper] of STAMPERS) {
  Deno.test(`@turnkey/http TurnkeyClient with ${name} gets the demo user from the stand-in`, async () => {
    await withStandin(async (standin) => {
      const client = new TurnkeyClient({ baseUrl: standin.url }, makeStamper());
      const answer = await client.getUser({
        organizationId: standin.organizationId,
        userId: turnkeyDemoUser.userId,
      });
      assertEquals(answer, { user: turnkeyDemoUser });
      assertEquals(standin.requests, 1);
      // The SDK serialized the body itself; the stand-in verified the stamp over those bytes.
      assertEquals(
        JSON.parse(standin.lastRequest!.body),
        { organizationId: standin.organizationId, userId: turnkeyDemoUser.userId },
      );
      assert(standin.lastRequest!.stamp !== null);
    });
  });
}

Deno.test("@turnkey/http TurnkeyClient surfaces the stand-in's 401 for a key it does not trust", async () => {
  await withStandin(async (standin) => {
    for (const stamper of [createApiKeyStamper(UNTRUSTED_KEY), new ApiKeyStamper(UNTRUSTED_KEY)]) {
      const client = new TurnkeyClient({ baseUrl: standin.url }, stamper);
      const error = await assertRejects(() =>
        client.getUser({ organizationId: standin.organizationId, userId: turnkeyDemoUser.userId })
      );
      assertInstanceOf(error, TurnkeyRequestError);
      assertEquals(error.code, 16, "gRPC UNAUTHENTICATED");
      assertEquals(
        (error.details as { turnkeyErrorCode?: string }[] | null)?.[0]?.turnkeyErrorCode,
        "PUBLIC_KEY_NOT_FOUND",
      );
    }
    assertEquals(standin.requests, 2);
  });
});
