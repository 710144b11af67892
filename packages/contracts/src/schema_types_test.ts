/**
 * The types users get from the exported schemas, pinned: what `z.output` (= `z.infer`) and
 * `z.input` give for each top-level schema (which spells out every nested one). The schemas carry
 * explicit types so the package has no slow types (JSR); these checks fail to compile if an
 * explicit type ever says something other than the schema it annotates, or if a schema's data
 * type changes unnoticed. Written against the inferred types before the annotations existed.
 *
 * @module
 */
import { assertEquals } from "@std/assert";
import type { z } from "zod";
import type {
  ApiErrorResponseSchema,
  ApiErrorSchema,
  ThreedeyeDiagnosticsSchema,
  ThreedeyeUserSearchSchema,
  TurnkeyErrorBodySchema,
  TurnkeyGetUserRequestSchema,
  TurnkeyGetUserResponseSchema,
  UserSearchEmailSchema,
  ValidationErrorResponseSchema,
} from "./mod.ts";
import type { lenientEnum } from "./_lenient_enum.ts";

/** True only when `A` and `B` are the same type (not merely assignable either way). */
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
/** Compiles only for `true`. */
type Expect<T extends true> = T;
/** Both directions of a schema: what it parses into and what it accepts. */
type Exactly<Schema extends z.ZodType, Output, Input = Output> = [
  Identical<z.output<Schema>, Output>,
  Identical<z.input<Schema>, Input>,
] extends [true, true] ? true
  : false;

type Report = {
  userId: string;
  user: { found: boolean; email: string | null };
  mapping: {
    found: boolean;
    threedeyeUserId: string | null;
    hasPassword: boolean;
    createdAt: string | null;
    remoteAccountExists: boolean | null;
  };
  recovery: { found: boolean; roleIds: string[] };
  remote: {
    configured: boolean;
    customerId: string | null;
    customerUserCount: number | null;
    emailPresentInCustomer: boolean | null;
    match: boolean | null;
    sampleEmails: string[];
    error: string | null;
  };
};

type UserSearch = {
  email: string;
  candidates: {
    userId: string;
    email: string;
    createdAt: string | null;
    hasThreedeyeMapping: boolean;
  }[];
  limit: number;
  truncated: boolean;
};

type ReceivedError = {
  error: string;
  message: string;
  code: number;
  requestId?: string | undefined;
  details?: unknown;
};

type SentError = { error: string; message: string; code: number; requestId: string };

type ValidationError = {
  error: string;
  message: string;
  code: 400;
  requestId: string;
  details?: {
    target: "param" | "query" | "header" | "cookie" | "json" | "form";
    issues: { path: string; message: string }[];
  } | undefined;
};

/** A lenient enum's values: the known ones, and any other string (kept apart for editors). */
type Lenient<Known extends string> = Known | (string & Record<never, never>);
/** A lenient enum field: its values when parsed; as input, zod declares it `unknown`. */
type LenientField<Side extends "output" | "input", Known extends string> = Side extends "output"
  ? Lenient<Known>
  : unknown;

type Timestamp = { [k: string]: unknown; seconds: string; nanos: string };
type Credential<Side extends "output" | "input"> = {
  [k: string]: unknown;
  publicKey: string;
  type: LenientField<
    Side,
    | "CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR"
    | "CREDENTIAL_TYPE_API_KEY_P256"
    | "CREDENTIAL_TYPE_RECOVER_USER_KEY_P256"
    | "CREDENTIAL_TYPE_API_KEY_SECP256K1"
    | "CREDENTIAL_TYPE_EMAIL_AUTH_KEY_P256"
    | "CREDENTIAL_TYPE_API_KEY_ED25519"
    | "CREDENTIAL_TYPE_OTP_AUTH_KEY_P256"
    | "CREDENTIAL_TYPE_READ_WRITE_SESSION_KEY_P256"
    | "CREDENTIAL_TYPE_OAUTH_KEY_P256"
    | "CREDENTIAL_TYPE_LOGIN"
  >;
  sessionProfileId?: string | undefined;
};
type TurnkeyUser<Side extends "output" | "input"> = {
  [k: string]: unknown;
  userId: string;
  userName: string;
  userEmail?: string | undefined;
  userPhoneNumber?: string | undefined;
  authenticators: {
    [k: string]: unknown;
    transports: LenientField<
      Side,
      | "AUTHENTICATOR_TRANSPORT_BLE"
      | "AUTHENTICATOR_TRANSPORT_INTERNAL"
      | "AUTHENTICATOR_TRANSPORT_NFC"
      | "AUTHENTICATOR_TRANSPORT_USB"
      | "AUTHENTICATOR_TRANSPORT_HYBRID"
    >[];
    attestationType: string;
    aaguid: string;
    credentialId: string;
    model: string;
    credential: Credential<Side>;
    authenticatorId: string;
    authenticatorName: string;
    createdAt: Timestamp;
    updatedAt: Timestamp;
  }[];
  apiKeys: {
    [k: string]: unknown;
    credential: Credential<Side>;
    apiKeyId: string;
    apiKeyName: string;
    createdAt: Timestamp;
    updatedAt: Timestamp;
    expirationSeconds?: string | undefined;
  }[];
  userTags: string[];
  oauthProviders: {
    [k: string]: unknown;
    providerId: string;
    providerName: string;
    issuer: string;
    audience: string;
    subject: string;
    createdAt: Timestamp;
    updatedAt: Timestamp;
  }[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
  mfaPolicies?: {
    [k: string]: unknown;
    mfaPolicyId: string;
    mfaPolicyName: string;
    condition: string;
    requiredAuthenticationMethods: {
      [k: string]: unknown;
      any: {
        [k: string]: unknown;
        type: LenientField<
          Side,
          | "AUTHENTICATION_TYPE_EMAIL_OTP"
          | "AUTHENTICATION_TYPE_SMS_OTP"
          | "AUTHENTICATION_TYPE_PASSKEY"
          | "AUTHENTICATION_TYPE_API_KEY"
          | "AUTHENTICATION_TYPE_OAUTH"
          | "AUTHENTICATION_TYPE_SESSION"
        >;
        id?: string | undefined;
      }[];
    }[];
    order: number;
    notes?: string | undefined;
    createdAt: Timestamp;
    updatedAt: Timestamp;
  }[] | undefined;
};

type TurnkeyErrorBody = {
  [k: string]: unknown;
  code?: number | undefined;
  message?: string | undefined;
  details?: { [k: string]: unknown; "@type"?: string | undefined }[] | null | undefined;
};

// The checks are the type aliases below: this file fails to compile if one of them is false.
type _Checks = [
  Expect<Exactly<typeof ThreedeyeDiagnosticsSchema, Report>>,
  Expect<Exactly<typeof ThreedeyeUserSearchSchema, UserSearch>>,
  Expect<Exactly<typeof UserSearchEmailSchema, string>>,
  Expect<Exactly<typeof ApiErrorSchema, ReceivedError>>,
  Expect<Exactly<typeof ApiErrorResponseSchema, SentError>>,
  Expect<Exactly<typeof ValidationErrorResponseSchema, ValidationError>>,
  Expect<Exactly<typeof TurnkeyGetUserRequestSchema, { organizationId: string; userId: string }>>,
  Expect<
    Exactly<
      typeof TurnkeyGetUserResponseSchema,
      { [k: string]: unknown; user: TurnkeyUser<"output"> },
      { [k: string]: unknown; user: TurnkeyUser<"input"> }
    >
  >,
  Expect<Exactly<typeof TurnkeyErrorBodySchema, TurnkeyErrorBody>>,
  Expect<Exactly<ReturnType<typeof lenientEnum<["A", "B"]>>, Lenient<"A" | "B">, unknown>>,
];

Deno.test("the pinned types are checked: an identical pair passes, a different one does not", () => {
  // Guards the checker itself: were `Identical` to accept anything, the checks above would pass
  // for any type. Optional and `| undefined`, an index signature, a wider union: all differ.
  const verdicts: [
    Identical<{ a: string }, { a: string }>,
    Identical<{ a?: string }, { a: string | undefined }>,
    Identical<{ a: string }, { [k: string]: unknown; a: string }>,
    Identical<"A" | "B", "A" | "B" | "C">,
    Identical<Lenient<"A">, string>,
  ] = [true, false, false, false, false];
  assertEquals(verdicts, [true, false, false, false, false]);
});
