import { assert, assertEquals } from "@std/assert";
import swagger from "../test/reference/turnkey_get_user.swagger.json" with { type: "json" };
import { type PayloadPath, type SwaggerDocument, SwaggerSamples } from "../test/swagger_samples.ts";
import { TurnkeyErrorBodySchema, turnkeyErrorCodeOf } from "./turnkey_error_body.ts";

const DETAIL_TYPE = "type.googleapis.com/errors.v1.TurnkeyErrorDetail";

const CASES = [
  {
    name: "a detail's code",
    body: {
      code: 3,
      message: "Max number of OTPs have been initiated please wait and try again",
      details: [{ "@type": DETAIL_TYPE, turnkeyErrorCode: "MAX_OTP_INITIATED" }],
      turnkeyErrorCode: "MAX_OTP_INITIATED",
    },
    expected: "MAX_OTP_INITIATED",
  },
  {
    name: "the first non-empty detail code",
    body: {
      code: 16,
      message: "expired",
      details: [{ "@type": DETAIL_TYPE }, { turnkeyErrorCode: "API_KEY_EXPIRED" }],
    },
    expected: "API_KEY_EXPIRED",
  },
  {
    name: "the top-level code when details have none",
    body: {
      code: 3,
      message: "too old",
      details: [],
      turnkeyErrorCode: "TVC_CLIENT_VERSION_TOO_OLD",
    },
    expected: "TVC_CLIENT_VERSION_TOO_OLD",
  },
  {
    name: "nothing for an empty top-level code (as in 429 answers)",
    body: { code: 8, message: "", details: [], turnkeyErrorCode: "" },
    expected: undefined,
  },
  { name: "nothing without details", body: { code: 13, message: "internal" }, expected: undefined },
  {
    name: "the top-level code when details are null",
    body: { code: 5, message: "gone", details: null, turnkeyErrorCode: "USER_NOT_FOUND" },
    expected: "USER_NOT_FOUND",
  },
  {
    name: "only string codes (the swagger types nothing in a detail but @type)",
    body: { details: [{ turnkeyErrorCode: 7 }, { turnkeyErrorCode: "RATE_LIMITED" }] },
    expected: "RATE_LIMITED",
  },
  { name: "nothing from an empty body", body: {}, expected: undefined },
];

for (const { name, body, expected } of CASES) {
  Deno.test(`turnkeyErrorCodeOf picks ${name}`, () => {
    assertEquals(turnkeyErrorCodeOf(TurnkeyErrorBodySchema.parse(body)), expected);
  });
}

Deno.test("a Turnkey error body keeps unknown fields and rejects a non-numeric code", () => {
  const parsed = TurnkeyErrorBodySchema.parse({ code: 5, message: "gone", details: [], extra: 1 });
  assertEquals((parsed as Record<string, unknown>).extra, 1);
  assert(!TurnkeyErrorBodySchema.safeParse({ code: "NOT_FOUND", message: "gone" }).success);
});

// Swagger-driven: the error response of get_user is `rpcStatus` in Turnkey's definition.
const samples = new SwaggerSamples(swagger as SwaggerDocument, "rpcStatus");
const pathText = (path: PayloadPath) => path.join(".");

Deno.test("swagger rpcStatus: the full sample and the required-only sample ({}) parse unchanged", () => {
  assertEquals(samples.requiredOnly(), {});
  for (const sample of [samples.full(), samples.requiredOnly()]) {
    assertEquals(TurnkeyErrorBodySchema.parse(sample), sample);
  }
});

Deno.test("what Turnkey's SDK allows beyond the swagger parses unchanged: details: null", () => {
  for (const body of [{ code: 5, message: "user not found", details: null }, { details: null }]) {
    assertEquals(TurnkeyErrorBodySchema.parse(body), body);
  }
});

const mutations = samples.mutations();
Deno.test(`swagger rpcStatus: ${mutations.length} wrong-type mutations are rejected at the mutated field`, async (t) => {
  // rpcStatus requires nothing, so every mutation is a wrong type.
  assert(mutations.every((m) => m.kind === "wrong type"));
  for (const { key, site, sample } of mutations) {
    await t.step(`${pathText(site.path)}: ${key}`, () => {
      const result = TurnkeyErrorBodySchema.safeParse(sample);
      assert(!result.success, "accepted");
      const paths = result.error.issues.map((issue) => pathText(issue.path as PayloadPath));
      assert(paths.includes(pathText(site.path)), `rejected elsewhere: ${paths.join(", ")}`);
    });
  }
});
