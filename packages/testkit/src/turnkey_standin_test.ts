import { assert, assertEquals, assertGreaterOrEqual } from "@std/assert";
import { createApiKeyStamper } from "@spkey/contracts/stamp";
import {
  TURNKEY_AUTHENTICATION_TYPES,
  TurnkeyErrorBodySchema,
  TurnkeyGetUserResponseSchema,
} from "@spkey/contracts";
import {
  startTurnkeyStandin,
  turnkeyDemoUser,
  turnkeyStandinApiKey,
  turnkeyStandinOrganizationId,
} from "./turnkey_standin.ts";

const GET_USER = "/public/v1/query/get_user";
const stamper = createApiKeyStamper(turnkeyStandinApiKey);

async function post(url: string, body: string, stamp?: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (stamp !== null) headers["X-Stamp"] = stamp ?? (await stamper.stamp(body)).stampHeaderValue;
  const response = await fetch(url + GET_USER, { method: "POST", headers, body });
  return { status: response.status, json: await response.json() };
}

const demoBody = JSON.stringify({
  organizationId: turnkeyStandinOrganizationId,
  userId: turnkeyDemoUser.userId,
});

Deno.test("the demo key pair is consistent and the demo user is a valid get_user answer", () => {
  assertEquals(
    createApiKeyStamper(turnkeyStandinApiKey).publicKey,
    turnkeyStandinApiKey.apiPublicKey,
  );
  const { user } = TurnkeyGetUserResponseSchema.parse({ user: turnkeyDemoUser });
  assertEquals(user, turnkeyDemoUser, "parses unchanged");
  assert(user.apiKeys.some((key) => key.expirationSeconds !== undefined));
  assert(user.apiKeys.some((key) => key.expirationSeconds === undefined));
  assertGreaterOrEqual(user.authenticators.length, 1);
  assertGreaterOrEqual(user.oauthProviders.length, 1);
  assertGreaterOrEqual(user.userTags.length, 1);
});

Deno.test("the demo user's MFA policies are real-shaped: ordered, one step with a choice, one with two steps", () => {
  const { user } = TurnkeyGetUserResponseSchema.parse({ user: turnkeyDemoUser });
  const policies = user.mfaPolicies ?? [];
  assertEquals(policies.map((policy) => policy.order), [0, 1]);
  const steps = policies.map((policy) => policy.requiredAuthenticationMethods);
  assert(
    steps.some((policy) => policy.some((step) => step.any.length > 1)),
    "a step with a choice",
  );
  assert(steps.some((policy) => policy.length > 1), "a policy of several steps");
  const methods = steps.flat().flatMap((step) => step.any);
  for (const method of methods) {
    assert((TURNKEY_AUTHENTICATION_TYPES as readonly string[]).includes(method.type), method.type);
  }
  assert(methods.some((method) => method.id !== undefined), "a method naming a specific id");
});

Deno.test("the Turnkey stand-in answers { user } for a properly stamped request", async () => {
  const standin = await startTurnkeyStandin();
  try {
    assert(standin.url.startsWith("http://127.0.0.1:"));
    const { status, json } = await post(standin.url, demoBody);
    assertEquals(status, 200);
    assertEquals(json, { user: turnkeyDemoUser });
    assertEquals(standin.lastRequest?.body, demoBody);
  } finally {
    await standin.close();
  }
});

const REJECTIONS: {
  name: string;
  body: string;
  stamp?: () => Promise<string | null>;
  status: number;
  grpc: number;
  code?: string;
}[] = [
  {
    name: "no X-Stamp",
    body: demoBody,
    stamp: () => Promise.resolve(null),
    status: 401,
    grpc: 16,
    code: "STAMP_MISSING",
  },
  {
    name: "a stamp over another body",
    body: demoBody,
    stamp: async () => (await stamper.stamp(demoBody + " ")).stampHeaderValue,
    status: 401,
    grpc: 16,
    code: "STAMP_INVALID",
  },
  {
    name: "a garbage stamp",
    body: demoBody,
    stamp: () => Promise.resolve("xyz"),
    status: 401,
    grpc: 16,
    code: "STAMP_INVALID",
  },
  {
    name: "a valid stamp by an untrusted key",
    body: demoBody,
    stamp: async () =>
      (await createApiKeyStamper({
        apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
        apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
      }).stamp(demoBody)).stampHeaderValue,
    status: 401,
    grpc: 16,
    code: "PUBLIC_KEY_NOT_FOUND",
  },
  {
    name: "an unknown user",
    body: JSON.stringify({ organizationId: turnkeyStandinOrganizationId, userId: "nobody" }),
    status: 404,
    grpc: 5,
    code: "USER_NOT_FOUND",
  },
  {
    name: "the demo user asked for in another organization",
    body: JSON.stringify({ organizationId: "other-org", userId: turnkeyDemoUser.userId }),
    status: 404,
    grpc: 5,
    code: "USER_NOT_FOUND",
  },
  {
    name: "a body without userId",
    body: '{"organizationId":"o"}',
    status: 400,
    grpc: 3,
    code: "INVALID_REQUEST",
  },
  {
    name: "a body that is not JSON",
    body: "user please",
    status: 400,
    grpc: 3,
    code: "INVALID_REQUEST",
  },
];

Deno.test("the Turnkey stand-in answers Turnkey-shaped errors", async (t) => {
  const standin = await startTurnkeyStandin();
  try {
    for (const { name, body, stamp, status, grpc, code } of REJECTIONS) {
      await t.step(name, async () => {
        const answer = await post(standin.url, body, stamp ? await stamp() : undefined);
        assertEquals(answer.status, status);
        const error = TurnkeyErrorBodySchema.parse(answer.json);
        assertEquals(error.code, grpc);
        assert(error.message !== undefined && error.message.length > 0);
        assertEquals(error.details?.[0]?.turnkeyErrorCode, code);
        assertEquals(
          error.details?.[0]?.["@type"],
          "type.googleapis.com/errors.v1.TurnkeyErrorDetail",
        );
      });
    }
    const wrongPath = await fetch(standin.url + "/public/v1/query/get_wallets", { method: "POST" });
    assertEquals([wrongPath.status, (await wrongPath.json()).code], [404, 5]);
    const wrongMethod = await fetch(standin.url + GET_USER);
    assertEquals([wrongMethod.status, (await wrongMethod.json()).code], [405, 12]);
  } finally {
    await standin.close();
  }
});

Deno.test("users can be keyed by organizationId:userId and trusted keys replaced", async () => {
  const other = createApiKeyStamper({
    apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
    apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
  });
  const standin = await startTurnkeyStandin({
    users: { "org-b:u-1": { userId: "u-1" } },
    trustedPublicKeys: [other.publicKey],
  });
  try {
    const body = JSON.stringify({ organizationId: "org-b", userId: "u-1" });
    const ok = await post(standin.url, body, (await other.stamp(body)).stampHeaderValue);
    assertEquals(ok, { status: 200, json: { user: { userId: "u-1" } } });
    const demoKey = await post(standin.url, body);
    assertEquals(demoKey.status, 401, "the default key is no longer trusted");
  } finally {
    await standin.close();
  }
});

Deno.test("faults: rate limit once, server error, garbage, unauthorized, slow; requests counted", async () => {
  const standin = await startTurnkeyStandin({ slowMs: 100 });
  try {
    standin.setFault("rate_limit_once");
    const limited = await fetch(standin.url + GET_USER, { method: "POST", body: demoBody });
    assertEquals([limited.status, limited.headers.get("retry-after")], [429, "0"]);
    assertEquals((await limited.json()).code, 8);
    assertEquals((await post(standin.url, demoBody)).status, 200, "rate_limit_once clears itself");

    standin.setFault("server_error");
    for (let i = 0; i < 2; i++) assertEquals((await post(standin.url, demoBody)).status, 500);

    standin.setFault("garbage");
    const garbage = await fetch(standin.url + GET_USER, { method: "POST", body: demoBody });
    assertEquals(garbage.status, 200);
    assert((await garbage.text()).startsWith("<html>"));

    standin.setFault("unauthorized");
    const expired = await post(standin.url, demoBody);
    assertEquals([expired.status, expired.json.turnkeyErrorCode], [401, "API_KEY_EXPIRED"]);

    standin.setFault("slow");
    const started = performance.now();
    assertEquals((await post(standin.url, demoBody)).status, 200);
    assertGreaterOrEqual(performance.now() - started, 90);

    standin.setFault(null);
    assertEquals(standin.requests, 7);
  } finally {
    await standin.close();
  }
});

Deno.test("close() cuts a slow answer short instead of waiting it out", async () => {
  const standin = await startTurnkeyStandin({ slowMs: 30_000 });
  standin.setFault("slow");
  const pending = fetch(standin.url + GET_USER, { method: "POST", body: demoBody })
    .then((r) => r.body?.cancel())
    .catch(() => undefined);
  while (standin.requests === 0) await new Promise((r) => setTimeout(r, 5));
  const started = performance.now();
  await standin.close();
  await pending;
  assert(performance.now() - started < 2_000);
});

Deno.test("hostile faults: redirect to a counting origin, 503 with Retry-After, endless body", async () => {
  const standin = await startTurnkeyStandin({ retryAfterSeconds: 9 });
  const stamp = (await stamper.stamp(demoBody)).stampHeaderValue;
  const send = (redirect: RequestRedirect) =>
    fetch(standin.url + GET_USER, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Stamp": stamp },
      body: demoBody,
      redirect,
    });
  try {
    standin.setFault("redirect");
    const held = await send("manual");
    assertEquals(held.status, 307);
    assert(held.headers.get("location")!.endsWith(GET_USER));
    await held.body?.cancel();
    assertEquals(standin.redirectTargetRequests, 0);
    // A client that follows re-posts the stamped body: the target sees it.
    const followed = await send("follow");
    await followed.body?.cancel();
    assertEquals([followed.redirected, standin.redirectTargetRequests], [true, 1]);

    standin.setFault("unavailable");
    const busy = await send("manual");
    assertEquals([busy.status, busy.headers.get("retry-after")], [503, "9"]);
    assertEquals(TurnkeyErrorBodySchema.parse(await busy.json()).code, 14);

    standin.setFault("endless_body");
    const endless = await send("manual");
    const reader = endless.body!.getReader();
    let received = 0;
    while (received < 2 * 1024 * 1024) received += (await reader.read()).value!.byteLength;
    await reader.cancel();
    assertEquals(endless.status, 200);
    assertEquals(standin.requests, 4);
  } finally {
    await standin.close();
  }
});
