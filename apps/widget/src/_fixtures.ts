/**
 * Test fixtures (not bundled): the diagnostics reports the server answers for the shared demo
 * users (see the demo dataset spec), plus a Turnkey user, for the widget's unit tests.
 *
 * @module
 */
import type { ThreedeyeDiagnostics, ThreedeyeUserSearch } from "@spkey/contracts";
import type { TurnkeyUserView } from "./turnkey_view.ts";

type Report = ThreedeyeDiagnostics;

const remote = (over: Partial<Report["remote"]> = {}): Report["remote"] => ({
  configured: true,
  customerId: "cust-demo-001",
  customerUserCount: 10,
  emailPresentInCustomer: true,
  match: true,
  sampleEmails: [],
  error: null,
  ...over,
});

const mapping = (over: Partial<Report["mapping"]> = {}): Report["mapping"] => ({
  found: true,
  threedeyeUserId: "td-1001",
  hasPassword: true,
  createdAt: "2026-01-05T10:00:00.000Z",
  remoteAccountExists: true,
  ...over,
});

const noMapping: Report["mapping"] = {
  found: false,
  threedeyeUserId: null,
  hasPassword: false,
  createdAt: null,
  remoteAccountExists: null,
};
const noRecovery: Report["recovery"] = { found: false, roleIds: [] };

/** Reports for each named demo user, plus probe-error, not-configured and no-email variants. */
export const REPORTS: Record<string, Report> = {
  healthy: {
    userId: "11111111-1111-4111-8111-111111111111",
    user: { found: true, email: "alice@example.com" },
    mapping: mapping(),
    recovery: noRecovery,
    remote: remote({
      sampleEmails: [
        "alice@example.com",
        "carol@example.com",
        "erin@example.com",
        "Frank@Example.com",
        "grace@example.com",
      ],
    }),
  },
  noMapping: {
    userId: "22222222-2222-4222-8222-222222222222",
    user: { found: true, email: "bob@example.com" },
    mapping: noMapping,
    recovery: noRecovery,
    remote: remote({ emailPresentInCustomer: false, match: null }),
  },
  noPassword: {
    userId: "33333333-3333-4333-8333-333333333333",
    user: { found: true, email: "carol@example.com" },
    mapping: mapping({
      threedeyeUserId: "td-1003",
      hasPassword: false,
      createdAt: "2026-02-10T08:30:00.000Z",
    }),
    recovery: noRecovery,
    remote: remote(),
  },
  accountGone: {
    userId: "44444444-4444-4444-8444-444444444444",
    user: { found: true, email: "dave@example.com" },
    mapping: mapping({
      threedeyeUserId: "td-1004",
      createdAt: "2026-03-01T12:00:00.000Z",
      remoteAccountExists: false,
    }),
    recovery: noRecovery,
    remote: remote({ emailPresentInCustomer: false, match: null }),
  },
  orphanedRemote: {
    userId: "55555555-5555-4555-8555-555555555555",
    user: { found: true, email: "erin@example.com" },
    mapping: mapping({
      threedeyeUserId: "td-1005",
      createdAt: "2026-03-15T09:00:00.000Z",
      remoteAccountExists: false,
    }),
    recovery: noRecovery,
    remote: remote({ match: false, sampleEmails: ["erin@example.com"] }),
  },
  caseMismatch: {
    userId: "66666666-6666-4666-8666-666666666666",
    user: { found: true, email: "frank@example.com" },
    mapping: mapping({ threedeyeUserId: "td-1006", createdAt: "2026-04-01T07:45:00.000Z" }),
    recovery: noRecovery,
    remote: remote({
      emailPresentInCustomer: false,
      match: null,
      sampleEmails: ["Frank@Example.com"],
    }),
  },
  withRecovery: {
    userId: "77777777-7777-4777-8777-777777777777",
    user: { found: true, email: "grace@example.com" },
    mapping: mapping({ threedeyeUserId: "td-1007", createdAt: "2026-05-20T16:20:00.000Z" }),
    recovery: { found: true, roleIds: ["role-owner", "role-viewer"] },
    remote: remote(),
  },
  unknown: {
    userId: "99999999-9999-4999-8999-999999999999",
    user: { found: false, email: null },
    mapping: noMapping,
    recovery: noRecovery,
    remote: remote({ emailPresentInCustomer: null, match: null }),
  },
  probeError: {
    userId: "11111111-1111-4111-8111-111111111111",
    user: { found: true, email: "alice@example.com" },
    mapping: { ...mapping(), remoteAccountExists: null },
    recovery: noRecovery,
    remote: {
      configured: true,
      customerId: null,
      customerUserCount: null,
      emailPresentInCustomer: null,
      match: null,
      sampleEmails: [],
      error: "3dEye answered 500 while listing users",
    },
  },
  notConfigured: {
    userId: "11111111-1111-4111-8111-111111111111",
    user: { found: true, email: "alice@example.com" },
    mapping: { ...mapping(), remoteAccountExists: null },
    recovery: noRecovery,
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
  noEmail: {
    userId: "88888888-8888-4888-8888-888888888888",
    user: { found: true, email: null },
    mapping: mapping({ threedeyeUserId: "td-1008" }),
    recovery: noRecovery,
    remote: remote({ emailPresentInCustomer: null, match: null }),
  },
};

/** An email that would create an element if it were inserted unescaped. */
export const HOSTILE_EMAIL = "<img src=x onerror=alert(1)>@example.com";

/**
 * Search answers as the server gives them for the demo data: alice's address in two letter cases
 * (two users), bob's (one), an address nobody has, and a list cut short at a `limit` of 2.
 */
export const SEARCHES: Record<"two" | "one" | "none" | "truncated", ThreedeyeUserSearch> = {
  two: {
    email: "Alice@Example.com",
    candidates: [
      {
        userId: "11111111-1111-4111-8111-111111111111",
        email: "alice@example.com",
        createdAt: "2026-01-05T09:58:00.000Z",
        hasThreedeyeMapping: true,
      },
      {
        userId: "88888888-8888-4888-8888-888888888888",
        email: "Alice@Example.com",
        createdAt: "2026-06-02T10:00:00.000Z",
        hasThreedeyeMapping: false,
      },
    ],
    limit: 20,
    truncated: false,
  },
  one: {
    email: "bob@example.com",
    candidates: [{
      userId: "22222222-2222-4222-8222-222222222222",
      email: "bob@example.com",
      createdAt: "2026-01-20T14:00:00.000Z",
      hasThreedeyeMapping: false,
    }],
    limit: 20,
    truncated: false,
  },
  none: { email: "nobody@example.com", candidates: [], limit: 20, truncated: false },
  truncated: {
    email: "shared@example.com",
    candidates: [
      {
        userId: "00000000-0000-4000-8000-000000000001",
        email: "shared@example.com",
        createdAt: null,
        hasThreedeyeMapping: true,
      },
      {
        userId: "00000000-0000-4000-8000-000000000002",
        email: "SHARED@example.com",
        createdAt: "2026-03-01T12:00:00.000Z",
        hasThreedeyeMapping: false,
      },
    ],
    limit: 2,
    truncated: true,
  },
};

/**
 * A Turnkey user with one of everything; `createdAt` of the API keys is 2026-01-01T00:00:00Z. Its
 * MFA policies arrive out of evaluation order, one of them with a method type Turnkey added later.
 */
export const TURNKEY_USER: TurnkeyUserView = {
  userId: "tk-user-1",
  userName: "Alice Admin",
  userEmail: "alice@example.com",
  authenticators: [{
    authenticatorName: "YubiKey 5",
    transports: [
      "AUTHENTICATOR_TRANSPORT_USB",
      "AUTHENTICATOR_TRANSPORT_NFC",
      "AUTHENTICATOR_TRANSPORT_QUANTUM",
    ],
    model: "YubiKey 5 NFC",
    credential: { type: "CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR" },
    createdAt: { seconds: "1767225600", nanos: "0" },
  }],
  apiKeys: [
    {
      apiKeyName: "ci-key",
      credential: { type: "CREDENTIAL_TYPE_API_KEY_P256" },
      createdAt: { seconds: "1767225600", nanos: "0" },
      expirationSeconds: "86400",
    },
    {
      apiKeyName: "forever-key",
      credential: { type: "CREDENTIAL_TYPE_API_KEY_P256" },
      createdAt: { seconds: "1767225600", nanos: "0" },
    },
  ],
  oauthProviders: [{
    providerName: "Google",
    issuer: "https://accounts.google.com",
    subject: "1234567890",
    createdAt: { seconds: "1767225600", nanos: "0" },
  }],
  mfaPolicies: [
    {
      mfaPolicyId: "mfa-export",
      mfaPolicyName: "Export: session, then SMS",
      condition: "activity.resource == 'WALLET' && activity.action == 'EXPORT'",
      requiredAuthenticationMethods: [
        { any: [{ type: "AUTHENTICATION_TYPE_SESSION", id: "session-profile-7" }] },
        { any: [{ type: "AUTHENTICATION_TYPE_SMS_OTP" }, { type: "AUTHENTICATION_TYPE_RETINA" }] },
      ],
      order: 1,
      updatedAt: { seconds: "1767312000", nanos: "0" },
    },
    {
      mfaPolicyId: "mfa-sign",
      mfaPolicyName: "Passkey or email code to sign",
      condition: "activity.type == 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2'",
      requiredAuthenticationMethods: [{
        any: [{ type: "AUTHENTICATION_TYPE_PASSKEY" }, { type: "AUTHENTICATION_TYPE_EMAIL_OTP" }],
      }],
      order: 0,
      notes: "Every signature needs a second factor.",
      updatedAt: { seconds: "1767225600", nanos: "0" },
    },
  ],
  userTags: ["tag-support", "tag-beta"],
  createdAt: { seconds: "1767225600", nanos: "0" },
};
