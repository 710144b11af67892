/**
 * Test support: payloads for every published JSON Schema file with the verdict zod gives them,
 * so independent validators (Ajv in `published_json_schemas_test.ts`, Python's `jsonschema` in
 * `examples/python/validate_report_test.ts`) can be held to the same answers.
 *
 * Each case says whether the payload is valid (zod's verdict, checked by the tests too); where a
 * validator is known to answer otherwise, the case names the reason, and the tests check that the
 * difference is exactly that.
 *
 * @module
 */
import type { ThreedeyeDiagnostics } from "../src/mod.ts";
import seedReport from "./reference/seed_diagnostics_report.json" with { type: "json" };
import seedError401 from "./reference/seed_error_401.json" with { type: "json" };
import seedError500 from "./reference/seed_error_500.json" with { type: "json" };

export { seedError401, seedError500, seedReport };

/** A published file name under `schemas/`. */
export type SchemaFile =
  | "diagnostics-report.schema.json"
  | "user-search.schema.json"
  | "api-error.schema.json"
  | "validation-error.schema.json"
  | "error-envelope.schema.json"
  | "turnkey-get-user-request.schema.json"
  | "turnkey-get-user-response.schema.json";

/** One payload and zod's verdict on it under one file's schema. */
export interface SchemaCase {
  file: SchemaFile;
  name: string;
  value: unknown;
  /** zod's verdict. */
  valid: boolean;
  /** Why JSON Schema itself (every validator) answers the opposite: zod checks it in code. */
  notExpressed?: string;
  /** Why Python's `re` answers the opposite (its `$` also matches before a final newline). */
  pythonDiffers?: string;
}

/** The seed's example report, its `"null"` placeholders replaced by real values. */
export function validReport(): ThreedeyeDiagnostics {
  return {
    userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
    user: { found: true, email: "ana.lima@example.com" },
    mapping: {
      found: true,
      threedeyeUserId: "3de-10042",
      hasPassword: true,
      createdAt: "2026-03-01T09:30:00Z",
      remoteAccountExists: true,
    },
    recovery: { found: true, roleIds: ["role-viewer"] },
    remote: {
      configured: true,
      customerId: "cust-demo-001",
      customerUserCount: 42,
      emailPresentInCustomer: true,
      match: true,
      sampleEmails: ["user@example.com"],
      error: null,
    },
  };
}

function reportWith(section: string, field: string, value: unknown): unknown {
  const report = validReport() as unknown as Record<string, Record<string, unknown>>;
  report[section] = { ...report[section], [field]: value };
  return report;
}

/** Every nullable field of the report, as [section, field]. */
const NULLABLE_FIELDS = [
  ["user", "email"],
  ["mapping", "threedeyeUserId"],
  ["mapping", "createdAt"],
  ["mapping", "remoteAccountExists"],
  ["remote", "customerId"],
  ["remote", "customerUserCount"],
  ["remote", "emailPresentInCustomer"],
  ["remote", "match"],
  ["remote", "error"],
] as const;

const PYTHON_DOLLAR = 'Python\'s "$" also matches before a final newline';

const REPORT_CASES: Omit<SchemaCase, "file">[] = [
  { name: "the seed's example, placeholders replaced", value: validReport(), valid: true },
  { name: 'the seed\'s example as written ("null" strings)', value: seedReport, valid: false },
  ...NULLABLE_FIELDS.flatMap(([section, field]) => [
    { name: `${section}.${field} JSON null`, value: reportWith(section, field, null), valid: true },
    {
      name: `${section}.${field} the string "null"`,
      value: reportWith(section, field, "null"),
      valid: false,
    },
  ]),
  { name: "user.email NULL in capitals", value: reportWith("user", "email", "NULL"), valid: true },
  {
    name: 'user.email "null" and a newline',
    value: reportWith("user", "email", "null\n"),
    valid: true,
    pythonDiffers: `${PYTHON_DOLLAR}, so ^(?!null$) rejects it`,
  },
  {
    name: "an unknown user (every nullable field null)",
    value: {
      userId: "99999999-9999-4999-8999-999999999999",
      user: { found: false, email: null },
      mapping: {
        found: false,
        threedeyeUserId: null,
        hasPassword: false,
        createdAt: null,
        remoteAccountExists: null,
      },
      recovery: { found: false, roleIds: [] },
      remote: {
        configured: false,
        customerId: null,
        customerUserCount: null,
        emailPresentInCustomer: null,
        match: null,
        sampleEmails: [],
        error: null,
      },
    },
    valid: true,
  },
  {
    name: "a failed probe (remote.error text)",
    value: reportWith("remote", "error", "3dEye timed out after 3000 ms"),
    valid: true,
  },
  {
    name: "an upper-case UUID",
    value: { ...validReport(), userId: "0B7E3C2A-4D5F-4A6B-8C7D-9E0F1A2B3C4D" },
    valid: true,
  },
  {
    name: "the nil UUID",
    value: { ...validReport(), userId: "00000000-0000-0000-0000-000000000000" },
    valid: true,
  },
  {
    name: "userId example_string",
    value: { ...validReport(), userId: "example_string" },
    valid: false,
  },
  {
    name: "a UUID of version 0",
    value: { ...validReport(), userId: "0b7e3c2a-4d5f-0a6b-8c7d-9e0f1a2b3c4d" },
    valid: false,
  },
  {
    name: "a UUID in braces",
    value: { ...validReport(), userId: "{0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d}" },
    valid: false,
  },
  {
    name: "a UUID and a newline",
    value: { ...validReport(), userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d\n" },
    valid: false,
  },
  {
    name: "createdAt with an offset and milliseconds",
    value: reportWith("mapping", "createdAt", "2026-03-01T09:30:00.123+02:00"),
    valid: true,
  },
  {
    name: "createdAt on a leap day",
    value: reportWith("mapping", "createdAt", "2024-02-29T00:00:00Z"),
    valid: true,
  },
  {
    name: "createdAt on Feb 29 of a common year",
    value: reportWith("mapping", "createdAt", "2025-02-29T00:00:00Z"),
    valid: false,
  },
  {
    name: "createdAt without an offset",
    value: reportWith("mapping", "createdAt", "2026-03-01T09:30:00"),
    valid: false,
  },
  {
    name: "createdAt as a date only",
    value: reportWith("mapping", "createdAt", "2026-03-01"),
    valid: false,
  },
  {
    name: "createdAt yesterday",
    value: reportWith("mapping", "createdAt", "yesterday"),
    valid: false,
  },
  {
    name: "createdAt with full-width digits",
    value: reportWith("mapping", "createdAt", "２０２６-03-01T09:30:00Z"),
    valid: false,
  },
  {
    name: "createdAt and a newline",
    value: reportWith("mapping", "createdAt", "2026-03-01T09:30:00Z\n"),
    valid: false,
  },
  {
    name: "a password in the mapping",
    value: reportWith("mapping", "password", "hunter2"),
    valid: false,
  },
  { name: "an extra top-level field", value: { ...validReport(), debug: true }, valid: false },
  { name: "a missing section", value: { ...validReport(), recovery: undefined }, valid: false },
  {
    name: "six sample emails",
    value: reportWith("remote", "sampleEmails", ["a@x", "b@x", "c@x", "d@x", "e@x", "f@x"]),
    valid: false,
  },
  {
    name: "a customer user count of 0",
    value: reportWith("remote", "customerUserCount", 0),
    valid: true,
  },
  {
    name: "a negative customer user count",
    value: reportWith("remote", "customerUserCount", -1),
    valid: false,
  },
  {
    name: "a fractional customer user count",
    value: reportWith("remote", "customerUserCount", 1.5),
    valid: false,
  },
  {
    name: "a customer user count as text",
    value: reportWith("remote", "customerUserCount", "10"),
    valid: false,
  },
  { name: "found as the string true", value: reportWith("user", "found", "true"), valid: false },
  {
    name: "a role id that is a number",
    value: reportWith("recovery", "roleIds", [1]),
    valid: false,
  },
];

function candidate(userId: string, createdAt: string | null = "2026-01-05T09:58:00.000Z") {
  return { userId, email: "alice@example.com", createdAt, hasThreedeyeMapping: true };
}
const ALICE = "11111111-1111-4111-8111-111111111111";
const ALICE_AGAIN = "88888888-8888-4888-8888-888888888888";

const SEARCH_CASES: Omit<SchemaCase, "file">[] = [
  {
    name: "two candidates",
    value: {
      email: "alice@example.com",
      candidates: [candidate(ALICE), candidate(ALICE_AGAIN, "2026-06-02T10:00:00.000Z")],
      limit: 20,
      truncated: false,
    },
    valid: true,
  },
  {
    name: "no candidate",
    value: { email: "nobody@example.com", candidates: [], limit: 20, truncated: false },
    valid: true,
  },
  {
    name: "a createdAt of null",
    value: { email: "a@b.c", candidates: [candidate(ALICE, null)], limit: 20, truncated: false },
    valid: true,
  },
  {
    name: "truncated at the limit",
    value: { email: "a@b.c", candidates: [candidate(ALICE)], limit: 1, truncated: true },
    valid: true,
  },
  {
    name: "more candidates than the limit",
    value: {
      email: "a@b.c",
      candidates: [candidate(ALICE), candidate(ALICE_AGAIN)],
      limit: 1,
      truncated: false,
    },
    valid: false,
    notExpressed: "comparing the list's length with `limit` is a zod refinement",
  },
  {
    name: "truncated below the limit",
    value: { email: "a@b.c", candidates: [candidate(ALICE)], limit: 20, truncated: true },
    valid: false,
    notExpressed: "comparing the list's length with `limit` is a zod refinement",
  },
  {
    name: 'a candidate\'s createdAt "null"',
    value: { email: "a@b.c", candidates: [candidate(ALICE, "null")], limit: 20, truncated: false },
    valid: false,
  },
  {
    name: 'a candidate\'s userId "null"',
    value: { email: "a@b.c", candidates: [candidate("null")], limit: 20, truncated: false },
    valid: false,
  },
  {
    name: "an extra field in a candidate",
    value: {
      email: "a@b.c",
      candidates: [{ ...candidate(ALICE), password: "x" }],
      limit: 20,
      truncated: false,
    },
    valid: false,
  },
  {
    name: "a limit of 0",
    value: { email: "a@b.c", candidates: [], limit: 0, truncated: false },
    valid: false,
  },
  { name: "truncated missing", value: { email: "a@b.c", candidates: [], limit: 20 }, valid: false },
  {
    name: "hasThreedeyeMapping as text",
    value: {
      email: "a@b.c",
      candidates: [{ ...candidate(ALICE), hasThreedeyeMapping: "false" }],
      limit: 20,
      truncated: false,
    },
    valid: false,
  },
];

const ENVELOPE = {
  error: "Not Found",
  message: "No route matches this path.",
  code: 404,
  requestId: "req_1",
};

const API_ERROR_CASES: Omit<SchemaCase, "file">[] = [
  { name: "the seed's 500 (with requestId)", value: seedError500, valid: true },
  { name: "the seed's 401 (no requestId)", value: seedError401, valid: false },
  { name: "an envelope of ours", value: ENVELOPE, valid: true },
  {
    name: "a stack trace riding along",
    value: { ...ENVELOPE, stack: "Error: at x" },
    valid: false,
  },
  { name: "details on a non-400", value: { ...ENVELOPE, details: {} }, valid: false },
  { name: "an empty requestId", value: { ...ENVELOPE, requestId: "" }, valid: false },
  { name: "a 2xx code", value: { ...ENVELOPE, code: 200 }, valid: false },
  { name: "code as text", value: { ...ENVELOPE, code: "404" }, valid: false },
];

const BAD_REQUEST = {
  error: "Bad Request",
  message: "Invalid path parameter userId: must be a UUID",
  code: 400,
  requestId: "req_1",
};
const DETAILS = { target: "param", issues: [{ path: "userId", message: "must be a UUID" }] };

const VALIDATION_ERROR_CASES: Omit<SchemaCase, "file">[] = [
  { name: "a 400 with details", value: { ...BAD_REQUEST, details: DETAILS }, valid: true },
  { name: "a 400 without details", value: BAD_REQUEST, valid: true },
  { name: "a 401", value: { ...BAD_REQUEST, code: 401 }, valid: false },
  {
    name: "an unknown target",
    value: { ...BAD_REQUEST, details: { ...DETAILS, target: "body" } },
    valid: false,
  },
  {
    name: "no issues",
    value: { ...BAD_REQUEST, details: { ...DETAILS, issues: [] } },
    valid: false,
  },
  {
    name: "an issue echoing the received value",
    value: {
      ...BAD_REQUEST,
      details: { ...DETAILS, issues: [{ ...DETAILS.issues[0], received: "x" }] },
    },
    valid: false,
  },
];

const LENIENT_ENVELOPE_CASES: Omit<SchemaCase, "file">[] = [
  { name: "the seed's 401 (no requestId)", value: seedError401, valid: true },
  { name: "the seed's 500", value: seedError500, valid: true },
  { name: "a proxy's extra field", value: { ...seedError401, via: "edge-proxy" }, valid: true },
  { name: "details as text", value: { ...seedError401, details: "upstream said no" }, valid: true },
  { name: "no message", value: { error: "Unauthorized", code: 401 }, valid: false },
  { name: "a 3xx code", value: { ...seedError401, code: 302 }, valid: false },
  { name: "a fractional code", value: { ...seedError401, code: 404.5 }, valid: false },
];

const REQUEST_CASES: Omit<SchemaCase, "file">[] = [
  { name: "a request", value: { organizationId: "org-1", userId: "user-1" }, valid: true },
  {
    name: "ids with inner spaces",
    value: { organizationId: "my org", userId: "a b" },
    valid: true,
  },
  {
    name: "an extra key",
    value: { organizationId: "o", userId: "u", timestampMs: "1" },
    valid: false,
  },
  { name: "an empty userId", value: { organizationId: "o", userId: "" }, valid: false },
  { name: "a padded userId", value: { organizationId: "o", userId: " u " }, valid: false },
  { name: "a userId ending in a tab", value: { organizationId: "o", userId: "u\t" }, valid: false },
  {
    name: "a userId ending in a newline",
    value: { organizationId: "o", userId: "u\n" },
    valid: false,
    pythonDiffers: `${PYTHON_DOLLAR}, so the pattern's "\\S$" matches the last letter`,
  },
  {
    name: "a userId ending in U+001C",
    value: { organizationId: "o", userId: "u\x1c" },
    valid: true,
    pythonDiffers: "Python's \\s counts U+001C-U+001F as space, ECMA-262's does not",
  },
  {
    name: "a userId starting with U+FEFF",
    value: { organizationId: "o", userId: "\ufeffu" },
    valid: false,
    pythonDiffers: "ECMA-262's \\s counts U+FEFF as space (trim() strips it), Python's does not",
  },
  { name: "no organizationId", value: { userId: "u" }, valid: false },
  { name: "a number id", value: { organizationId: "o", userId: 7 }, valid: false },
];

const at = { seconds: "1767225600", nanos: "0" };

/** A get_user answer with one of everything, in the swagger's shape. */
export function validTurnkeyResponse() {
  return {
    user: {
      userId: "7648d556-c628-49ab-b0d0-74f24ca1972a",
      userName: "Ana Lima",
      userEmail: "ana.lima@example.com",
      authenticators: [{
        transports: ["AUTHENTICATOR_TRANSPORT_HYBRID"],
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
          type: "CREDENTIAL_TYPE_API_KEY_P256",
        },
        apiKeyId: "35dcdf0e-43fa-4d42-b1d0-77fdb2768f35",
        apiKeyName: "Session Key",
        createdAt: at,
        updatedAt: at,
        expirationSeconds: "900",
      }],
      userTags: [],
      oauthProviders: [],
      createdAt: at,
      updatedAt: at,
      mfaPolicies: [{
        mfaPolicyId: "mfa-1",
        mfaPolicyName: "Passkey to sign",
        condition: "activity.type == 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2'",
        requiredAuthenticationMethods: [{ any: [{ type: "AUTHENTICATION_TYPE_PASSKEY" }] }],
        order: 0,
        createdAt: at,
        updatedAt: at,
      }],
    },
  };
}

type TurnkeyResponse = ReturnType<typeof validTurnkeyResponse>;
type TurnkeyUser = TurnkeyResponse["user"];

function turnkeyWith(change: (user: TurnkeyUser) => unknown): Record<string, unknown> {
  const response = validTurnkeyResponse();
  return { user: change(response.user) };
}

const RESPONSE_CASES: Omit<SchemaCase, "file">[] = [
  { name: "a full answer", value: validTurnkeyResponse(), valid: true },
  {
    name: "an older answer without mfaPolicies",
    value: turnkeyWith(({ mfaPolicies: _, ...user }) => user),
    valid: true,
  },
  {
    name: "fields from a newer API at every level",
    value: {
      ...turnkeyWith((user) => ({
        ...user,
        userRole: "admin",
        authenticators: [{ ...user.authenticators[0], backupEligible: true }],
        createdAt: { ...at, zone: "UTC" },
      })),
      newTopLevel: 1,
    },
    valid: true,
  },
  {
    name: "a transport Turnkey adds later",
    value: turnkeyWith((user) => ({
      ...user,
      authenticators: [{
        ...user.authenticators[0],
        transports: ["AUTHENTICATOR_TRANSPORT_SATELLITE"],
      }],
    })),
    valid: true,
  },
  {
    name: "a credential type Turnkey adds later",
    value: turnkeyWith((user) => ({
      ...user,
      apiKeys: [{
        ...user.apiKeys[0],
        credential: { publicKey: "02ab", type: "CREDENTIAL_TYPE_FUTURE" },
      }],
    })),
    valid: true,
  },
  {
    name: "an authentication type Turnkey adds later",
    value: turnkeyWith((user) => ({
      ...user,
      mfaPolicies: [{
        ...user.mfaPolicies[0],
        requiredAuthenticationMethods: [{ any: [{ type: "AUTHENTICATION_TYPE_FUTURE" }] }],
      }],
    })),
    valid: true,
  },
  {
    name: "a credential type that is a number",
    value: turnkeyWith((user) => ({
      ...user,
      apiKeys: [{ ...user.apiKeys[0], credential: { publicKey: "02ab", type: 5 } }],
    })),
    valid: false,
  },
  { name: "no userName", value: turnkeyWith(({ userName: _, ...user }) => user), valid: false },
  {
    name: "a timestamp as a number",
    value: turnkeyWith((user) => ({ ...user, createdAt: 1767225600 })),
    valid: false,
  },
  {
    name: "transports that are not a list",
    value: turnkeyWith((user) => ({
      ...user,
      authenticators: [{ ...user.authenticators[0], transports: "AUTHENTICATOR_TRANSPORT_USB" }],
    })),
    valid: false,
  },
  {
    name: "an MFA order as text",
    value: turnkeyWith((user) => ({
      ...user,
      mfaPolicies: [{ ...user.mfaPolicies[0], order: "first" }],
    })),
    valid: false,
  },
  { name: "user null", value: { user: null }, valid: false },
];

/** Every case, by file. */
export const SCHEMA_CASES: readonly SchemaCase[] = [
  ...REPORT_CASES.map((c) => ({ ...c, file: "diagnostics-report.schema.json" as const })),
  ...SEARCH_CASES.map((c) => ({ ...c, file: "user-search.schema.json" as const })),
  ...API_ERROR_CASES.map((c) => ({ ...c, file: "api-error.schema.json" as const })),
  ...VALIDATION_ERROR_CASES.map((c) => ({ ...c, file: "validation-error.schema.json" as const })),
  ...LENIENT_ENVELOPE_CASES.map((c) => ({ ...c, file: "error-envelope.schema.json" as const })),
  ...REQUEST_CASES.map((c) => ({ ...c, file: "turnkey-get-user-request.schema.json" as const })),
  ...RESPONSE_CASES.map((c) => ({ ...c, file: "turnkey-get-user-response.schema.json" as const })),
];

/** The paths of the fields the seed's example gets wrong, as zod names them (dotted). */
export const SEED_REPORT_FAULTS = [
  "userId",
  "user.email",
  "mapping.threedeyeUserId",
  "mapping.createdAt",
  "mapping.remoteAccountExists",
  "remote.customerId",
  "remote.customerUserCount",
  "remote.emailPresentInCustomer",
  "remote.match",
  "remote.error",
];
