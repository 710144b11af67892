import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import swagger from "../test/reference/turnkey_get_user.swagger.json" with { type: "json" };
import { type PayloadPath, type SwaggerDocument, SwaggerSamples } from "../test/swagger_samples.ts";
import { z } from "zod";
import {
  TURNKEY_AUTHENTICATION_TYPES,
  TURNKEY_AUTHENTICATOR_TRANSPORTS,
  TURNKEY_CREDENTIAL_TYPES,
  TurnkeyApiKeySchema,
  TurnkeyAuthenticationMethodSchema,
  TurnkeyAuthenticationTypeSchema,
  TurnkeyAuthenticatorSchema,
  TurnkeyAuthenticatorTransportSchema,
  TurnkeyCredentialSchema,
  TurnkeyCredentialTypeSchema,
  TurnkeyGetUserRequestSchema,
  TurnkeyGetUserResponseSchema,
  TurnkeyMfaPolicySchema,
  TurnkeyOauthProviderSchema,
  TurnkeyRequiredAuthenticationMethodSchema,
  TurnkeyTimestampSchema,
  TurnkeyUserSchema,
} from "./turnkey_get_user.ts";

const at = { seconds: "1767225600", nanos: "0" };

/** The reference's example response, placeholders replaced by real-looking values. */
function referenceResponse() {
  return {
    user: {
      userId: "7648d556-c628-49ab-b0d0-74f24ca1972a",
      userName: "Ana Lima",
      userEmail: "ana.lima@example.com",
      userPhoneNumber: "+15555550123",
      authenticators: [{
        transports: ["AUTHENTICATOR_TRANSPORT_BLE"],
        attestationType: "none",
        aaguid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
        credentialId: "q1xS0Qm7Q0mS8d2Hc3N2bWx0",
        model: "iCloud Keychain",
        credential: {
          publicKey: "03204cbae9186ca57f1dfedc26d615834923de820dc757be64ef04a56e0645ff6d",
          type: "CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR",
        },
        authenticatorId: "9e40e520-0b44-4746-ba85-6aa45ae28df7",
        authenticatorName: "Ana's iPhone",
        createdAt: at,
        updatedAt: at,
      }],
      apiKeys: [{
        credential: {
          publicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
          type: "CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR",
        },
        apiKeyId: "35dcdf0e-43fa-4d42-b1d0-77fdb2768f35",
        apiKeyName: "Session Key",
        createdAt: at,
        updatedAt: at,
        expirationSeconds: "900",
      }],
      userTags: ["2df962bc-f2b8-4b19-9db7-7bf6e7a9a2c2"],
      oauthProviders: [{
        providerId: "c0d7a8e2-5b1f-4e39-9f0a-3d6b2c1e4f58",
        providerName: "Google",
        issuer: "https://accounts.google.com",
        audience: "123456789012-demo.apps.googleusercontent.com",
        subject: "109876543210987654321",
        createdAt: at,
        updatedAt: at,
      }],
      createdAt: at,
      updatedAt: at,
    },
  };
}

Deno.test("the reference's get_user response (placeholders replaced) parses unchanged", () => {
  const response = referenceResponse();
  assertEquals(TurnkeyGetUserResponseSchema.parse(response), response);
});

const mfaPolicy = {
  mfaPolicyId: "5d1a7d7e-8a1c-4a53-9d36-1f4b3b0e6c21",
  mfaPolicyName: "Passkey or email code to sign",
  condition: "activity.type == 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2'",
  requiredAuthenticationMethods: [{
    any: [
      { type: "AUTHENTICATION_TYPE_PASSKEY" },
      { type: "AUTHENTICATION_TYPE_EMAIL_OTP" },
    ],
  }, {
    any: [{ type: "AUTHENTICATION_TYPE_SESSION", id: "session-profile-1" }],
  }],
  order: 0,
  notes: "Set up by support",
  createdAt: at,
  updatedAt: at,
};

Deno.test("a response without mfaPolicies (older API versions) parses, leaving them undefined", () => {
  const without = TurnkeyGetUserResponseSchema.parse(referenceResponse());
  assertEquals(without.user.mfaPolicies, undefined);
  assertEquals("mfaPolicies" in without.user, false, "absent, not defaulted to []");
});

Deno.test("MFA policies typed as in the swagger parse unchanged", () => {
  const response = referenceResponse();
  const withPolicies = { ...response, user: { ...response.user, mfaPolicies: [mfaPolicy] } };
  assertEquals(TurnkeyGetUserResponseSchema.parse(withPolicies), withPolicies);
});

Deno.test("MFA policies with fields the swagger does not define are rejected", () => {
  const response = referenceResponse();
  const invented = [{
    policyId: "p-1",
    requiredAuthenticationTypes: ["AUTHENTICATION_TYPE_PASSKEY"],
  }];
  const result = TurnkeyGetUserResponseSchema.safeParse({
    ...response,
    user: { ...response.user, mfaPolicies: invented },
  });
  assert(!result.success);
  assertEquals(result.error.issues[0].path, ["user", "mfaPolicies", 0, "mfaPolicyId"]);
});

Deno.test("unknown enum values and extra fields from a newer Turnkey still parse", () => {
  const response = referenceResponse() as ReturnType<typeof referenceResponse> & {
    requestId?: string;
  };
  response.user.authenticators[0].transports = ["AUTHENTICATOR_TRANSPORT_SMOKE_SIGNAL"];
  response.user.apiKeys[0].credential.type = "CREDENTIAL_TYPE_QUANTUM_KEY";
  Object.assign(response.user, { walletAccounts: [{ address: "0xabc" }] });
  Object.assign(response.user.createdAt, { timezone: "UTC" });
  response.requestId = "req-1";
  const parsed = TurnkeyGetUserResponseSchema.parse(response);
  assertEquals(parsed.user.authenticators[0].transports, ["AUTHENTICATOR_TRANSPORT_SMOKE_SIGNAL"]);
  assertEquals(parsed.user.apiKeys[0].credential.type, "CREDENTIAL_TYPE_QUANTUM_KEY");
  assertEquals((parsed.user as Record<string, unknown>).walletAccounts, [{ address: "0xabc" }]);
  assertEquals((parsed as Record<string, unknown>).requestId, "req-1");
});

Deno.test("every enum value listed in the spec and in the swagger is a known value", () => {
  const cases = [
    [TurnkeyAuthenticatorTransportSchema, TURNKEY_AUTHENTICATOR_TRANSPORTS, 5],
    [TurnkeyCredentialTypeSchema, TURNKEY_CREDENTIAL_TYPES, 10],
    [TurnkeyAuthenticationTypeSchema, TURNKEY_AUTHENTICATION_TYPES, 6],
  ] as const;
  const definitions = (swagger as SwaggerDocument).definitions;
  const swaggerEnums = [
    definitions.v1AuthenticatorTransport.enum,
    definitions.v1CredentialType.enum,
    definitions.v1AuthenticationType.enum,
  ];
  for (const [i, [schema, values, count]] of cases.entries()) {
    assertEquals(values.length, count);
    assertEquals([...values], swaggerEnums[i]);
    const known = schema.options[0];
    for (const value of values) assert(known.safeParse(value).success, value);
    assert(!known.safeParse("NOT_A_KNOWN_VALUE").success);
    assertStringIncludes(schema.meta()?.description ?? "", values[0]);
  }
});

// deno-lint-ignore no-explicit-any -- the mutations deliberately break the typed shape
type AnyResponse = any;
const RESPONSE_REJECTIONS: {
  name: string;
  mutate: (r: AnyResponse) => void;
  path: (string | number)[];
}[] = [
  { name: "a missing user", mutate: (r) => delete r.user, path: ["user"] },
  { name: "a missing userId", mutate: (r) => delete r.user.userId, path: ["user", "userId"] },
  {
    name: "a numeric timestamp",
    mutate: (r) => (r.user.createdAt = 1767225600),
    path: ["user", "createdAt"],
  },
  {
    name: "a non-string enum value",
    mutate: (r) => (r.user.authenticators[0].transports = [7]),
    path: ["user", "authenticators", 0, "transports", 0],
  },
  {
    name: "mfaPolicies that are not objects",
    mutate: (r) => (r.user.mfaPolicies = ["strict"]),
    path: ["user", "mfaPolicies", 0],
  },
];

for (const { name, mutate, path } of RESPONSE_REJECTIONS) {
  Deno.test(`the get_user response schema rejects ${name}`, () => {
    const response = referenceResponse();
    mutate(response);
    const result = TurnkeyGetUserResponseSchema.safeParse(response);
    assert(!result.success);
    assertEquals(result.error.issues[0].path, path);
  });
}

// Swagger-driven: every payload below is generated from Turnkey's own definition of get_user
// (test/reference/turnkey_get_user.swagger.json), not written by hand.
const samples = new SwaggerSamples(swagger as SwaggerDocument, "v1GetUserResponse");

/**
 * The mutations we accept although the swagger forbids them, and why (design.md: strict where we
 * send, lenient where we receive). Every other mutation must be rejected.
 */
const LENIENT: Record<string, string> = {
  "v1User.mfaPolicies removed":
    "Turnkey API versions from before MFA policies omit the list; such a user is still a user",
};
/** Why every "unknown enum value" mutation is accepted. */
const UNKNOWN_ENUM_VALUES_ARE_ACCEPTED =
  "Turnkey adds enum values over time; a newer value must not make a whole user unreadable";

const pathText = (path: PayloadPath) => path.join(".");

Deno.test(`swagger v1GetUserResponse: the full sample (${samples.sites().length} locations filled) and the required-only sample parse unchanged`, () => {
  for (const sample of [samples.full(), samples.requiredOnly()]) {
    assertEquals(TurnkeyGetUserResponseSchema.parse(sample), sample);
  }
});

const enumSamples = samples.enumSamples();
Deno.test(`swagger v1GetUserResponse: ${enumSamples.length} enum-value samples, one per value per place, parse unchanged`, async (t) => {
  for (const { site, value, sample } of enumSamples) {
    await t.step(`${pathText(site.path)} = ${value}`, () => {
      assertEquals(TurnkeyGetUserResponseSchema.parse(sample), sample);
    });
  }
});

const mutations = samples.mutations();
const lenient = mutations.filter((m) => m.key in LENIENT || m.kind === "unknown enum value");
const rejected = mutations.filter((m) => !lenient.includes(m));

Deno.test(`swagger v1GetUserResponse: ${rejected.length} mutations (required field removed, wrong type) are rejected at the mutated field`, async (t) => {
  for (const { key, site, sample } of rejected) {
    await t.step(`${pathText(site.path)}: ${key}`, () => {
      const result = TurnkeyGetUserResponseSchema.safeParse(sample);
      assert(!result.success, "accepted");
      const paths = result.error.issues.map((issue) => pathText(issue.path as PayloadPath));
      assert(paths.includes(pathText(site.path)), `rejected elsewhere: ${paths.join(", ")}`);
    });
  }
});

Deno.test(`swagger v1GetUserResponse: ${lenient.length} mutations are accepted on purpose (absent mfaPolicies, unknown enum values) and kept unchanged`, async (t) => {
  for (const { key, kind, site, sample } of lenient) {
    const why = kind === "unknown enum value" ? UNKNOWN_ENUM_VALUES_ARE_ACCEPTED : LENIENT[key];
    await t.step(`${pathText(site.path)}: ${key} (${why})`, () => {
      assertEquals(TurnkeyGetUserResponseSchema.parse(sample), sample);
    });
  }
  for (const key of Object.keys(LENIENT)) {
    assert(mutations.some((m) => m.key === key), `LENIENT names no generated mutation: ${key}`);
  }
});

Deno.test("the get_user request accepts exactly { organizationId, userId }", () => {
  const request = { organizationId: "597ee5fc-31b7-4731-9fa6-d37e41fad588", userId: "user-1" };
  assertEquals(TurnkeyGetUserRequestSchema.parse(request), request);
});

const REQUEST_REJECTIONS = [
  {
    name: "an extra key",
    input: { organizationId: "o", userId: "u", x: 1 },
    message: "Unrecognized key",
  },
  { name: "an empty userId", input: { organizationId: "o", userId: "" }, message: "Too small" },
  { name: "a missing organizationId", input: { userId: "u" }, message: "expected string" },
  {
    name: "a numeric userId",
    input: { organizationId: "o", userId: 42 },
    message: "expected string",
  },
  {
    name: "a userId with surrounding spaces",
    input: { organizationId: "o", userId: " u " },
    message: "leading or trailing whitespace",
  },
];

for (const { name, input, message } of REQUEST_REJECTIONS) {
  Deno.test(`the get_user request schema is strict: rejects ${name}`, () => {
    const result = TurnkeyGetUserRequestSchema.safeParse(input);
    assert(!result.success);
    assertStringIncludes(result.error.issues[0].message, message);
  });
}

const SWAGGER_DEFINITION_OF: [string, z.ZodType][] = [
  ["v1GetUserResponse", TurnkeyGetUserResponseSchema],
  ["v1User", TurnkeyUserSchema],
  ["v1Authenticator", TurnkeyAuthenticatorSchema],
  ["v1ApiKey", TurnkeyApiKeySchema],
  ["externaldatav1Credential", TurnkeyCredentialSchema],
  ["externaldatav1Timestamp", TurnkeyTimestampSchema],
  ["v1OauthProvider", TurnkeyOauthProviderSchema],
  ["v1MfaPolicy", TurnkeyMfaPolicySchema],
  ["v1RequiredAuthenticationMethod", TurnkeyRequiredAuthenticationMethodSchema],
  ["v1AuthenticationMethod", TurnkeyAuthenticationMethodSchema],
];

Deno.test(`the published JSON Schema of ${SWAGGER_DEFINITION_OF.length} Turnkey objects names the swagger's fields and required fields`, () => {
  const definitions = (swagger as SwaggerDocument).definitions;
  for (const [name, schema] of SWAGGER_DEFINITION_OF) {
    type ObjectSchema = { properties: object; required?: string[] };
    const document = z.toJSONSchema(schema) as {
      $ref: string;
      $defs: Record<string, ObjectSchema>;
    };
    const ours = document.$defs[document.$ref.replace("#/$defs/", "")];
    const theirs = definitions[name];
    assertEquals(Object.keys(ours.properties), Object.keys(theirs.properties!), name);
    const required = new Set(theirs.required);
    if (name === "v1User") required.delete("mfaPolicies"); // see LENIENT
    assertEquals(new Set(ours.required ?? []), required, name);
  }
});

Deno.test("swagger v1GetUserRequest: the generated request parses unchanged, and each removed or mistyped field is rejected", () => {
  const request = new SwaggerSamples(swagger as SwaggerDocument, "v1GetUserRequest");
  assertEquals(TurnkeyGetUserRequestSchema.parse(request.full()), request.full());
  assertEquals(request.requiredOnly(), request.full());
  const broken = request.mutations();
  assertEquals(broken.map((m) => m.key), [
    "v1GetUserRequest.organizationId removed",
    "v1GetUserRequest.organizationId wrong type",
    "v1GetUserRequest.userId removed",
    "v1GetUserRequest.userId wrong type",
  ]);
  for (const { key, sample } of broken) {
    assert(!TurnkeyGetUserRequestSchema.safeParse(sample).success, key);
  }
});
