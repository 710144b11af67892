/**
 * Turnkey's `get_user` query (`POST /public/v1/query/get_user`): the request we send and the
 * response we receive.
 *
 * Field names, types and required fields follow Turnkey's published API definition (the `get_user`
 * part of the public API swagger in Turnkey's SDK repository, `packages/http`; a copy is in
 * `test/reference/turnkey_get_user.swagger.json`, and `turnkey_get_user_test.ts` generates samples
 * and mutations from it).
 *
 * Strict where we send, lenient where we receive:
 * - the request is a strict object of non-empty strings, so a typo never reaches Turnkey;
 * - response objects keep unknown fields (loose objects) and return every known field unchanged;
 *   enums accept values added after this was written (the known ones stay listed in types and
 *   docs). A real response from a newer Turnkey therefore still parses;
 * - the swagger requires `user.mfaPolicies`, but older API versions omit it, so its absence is
 *   accepted. Everything else the swagger requires is required here too.
 *
 * @module
 */
import { z } from "zod";
import { exact } from "./_exact.ts";
import { lenientEnum, type LenientEnumSchema } from "./_lenient_enum.ts";

// The type of the three lenient enum schemas below, exported so that their documentation links.
export type { LenientEnumSchema } from "./_lenient_enum.ts";

/** Authenticator transports known today (`AUTHENTICATOR_TRANSPORT_*`). */
export const TURNKEY_AUTHENTICATOR_TRANSPORTS = [
  "AUTHENTICATOR_TRANSPORT_BLE",
  "AUTHENTICATOR_TRANSPORT_INTERNAL",
  "AUTHENTICATOR_TRANSPORT_NFC",
  "AUTHENTICATOR_TRANSPORT_USB",
  "AUTHENTICATOR_TRANSPORT_HYBRID",
] as const;

/** Credential types known today (`CREDENTIAL_TYPE_*`). */
export const TURNKEY_CREDENTIAL_TYPES = [
  "CREDENTIAL_TYPE_WEBAUTHN_AUTHENTICATOR",
  "CREDENTIAL_TYPE_API_KEY_P256",
  "CREDENTIAL_TYPE_RECOVER_USER_KEY_P256",
  "CREDENTIAL_TYPE_API_KEY_SECP256K1",
  "CREDENTIAL_TYPE_EMAIL_AUTH_KEY_P256",
  "CREDENTIAL_TYPE_API_KEY_ED25519",
  "CREDENTIAL_TYPE_OTP_AUTH_KEY_P256",
  "CREDENTIAL_TYPE_READ_WRITE_SESSION_KEY_P256",
  "CREDENTIAL_TYPE_OAUTH_KEY_P256",
  "CREDENTIAL_TYPE_LOGIN",
] as const;

/** Authentication types known today (`AUTHENTICATION_TYPE_*`). */
export const TURNKEY_AUTHENTICATION_TYPES = [
  "AUTHENTICATION_TYPE_EMAIL_OTP",
  "AUTHENTICATION_TYPE_SMS_OTP",
  "AUTHENTICATION_TYPE_PASSKEY",
  "AUTHENTICATION_TYPE_API_KEY",
  "AUTHENTICATION_TYPE_OAUTH",
  "AUTHENTICATION_TYPE_SESSION",
] as const;

/** A WebAuthn transport; unknown future values parse as plain strings. */
export const TurnkeyAuthenticatorTransportSchema: LenientEnumSchema<
  (typeof TURNKEY_AUTHENTICATOR_TRANSPORTS)[number]
> = exact(lenientEnum(
  TURNKEY_AUTHENTICATOR_TRANSPORTS,
  "How a WebAuthn authenticator talks to the client.",
));

/** A credential type; unknown future values parse as plain strings. */
export const TurnkeyCredentialTypeSchema: LenientEnumSchema<
  (typeof TURNKEY_CREDENTIAL_TYPES)[number]
> = exact(lenientEnum(
  TURNKEY_CREDENTIAL_TYPES,
  "The kind of credential.",
));

/** An authentication type; unknown future values parse as plain strings. */
export const TurnkeyAuthenticationTypeSchema: LenientEnumSchema<
  (typeof TURNKEY_AUTHENTICATION_TYPES)[number]
> = exact(lenientEnum(
  TURNKEY_AUTHENTICATION_TYPES,
  "A way of authenticating to Turnkey.",
));

/** A protobuf timestamp as Turnkey renders it: `{ seconds, nanos }`, both decimal strings. */
export const TurnkeyTimestampSchema: z.ZodObject<{
  seconds: z.ZodString;
  nanos: z.ZodString;
}, z.core.$loose> = exact(
  z.looseObject({
    seconds: z.string().meta({
      description: "Seconds since the Unix epoch.",
      example: "1767225600",
    }),
    nanos: z.string().meta({ description: "Nanoseconds within the second.", example: "0" }),
  }).meta({ id: "TurnkeyTimestamp" }),
);

/** A credential: public key plus its type (swagger `externaldatav1Credential`). */
export const TurnkeyCredentialSchema: z.ZodObject<{
  publicKey: z.ZodString;
  type: typeof TurnkeyCredentialTypeSchema;
  sessionProfileId: z.ZodOptional<z.ZodString>;
}, z.core.$loose> = exact(
  z.looseObject({
    publicKey: z.string().meta({
      description: "The public component of the key pair used to sign messages and transactions.",
    }),
    type: TurnkeyCredentialTypeSchema,
    sessionProfileId: z.string().optional().meta({
      description: "The session profile of this credential, if any (CREDENTIAL_TYPE_LOGIN only).",
    }),
  }).meta({ id: "TurnkeyCredential" }),
);

/** A WebAuthn authenticator (passkey) registered for the user. */
export const TurnkeyAuthenticatorSchema: z.ZodObject<{
  transports: z.ZodArray<typeof TurnkeyAuthenticatorTransportSchema>;
  attestationType: z.ZodString;
  aaguid: z.ZodString;
  credentialId: z.ZodString;
  model: z.ZodString;
  credential: typeof TurnkeyCredentialSchema;
  authenticatorId: z.ZodString;
  authenticatorName: z.ZodString;
  createdAt: typeof TurnkeyTimestampSchema;
  updatedAt: typeof TurnkeyTimestampSchema;
}, z.core.$loose> = exact(
  z.looseObject({
    transports: z.array(TurnkeyAuthenticatorTransportSchema),
    attestationType: z.string(),
    aaguid: z.string(),
    credentialId: z.string(),
    model: z.string(),
    credential: TurnkeyCredentialSchema,
    authenticatorId: z.string(),
    authenticatorName: z.string(),
    createdAt: TurnkeyTimestampSchema,
    updatedAt: TurnkeyTimestampSchema,
  }).meta({ id: "TurnkeyAuthenticator" }),
);

/** An API key of the user; `expirationSeconds` is absent for keys that never expire. */
export const TurnkeyApiKeySchema: z.ZodObject<{
  credential: typeof TurnkeyCredentialSchema;
  apiKeyId: z.ZodString;
  apiKeyName: z.ZodString;
  createdAt: typeof TurnkeyTimestampSchema;
  updatedAt: typeof TurnkeyTimestampSchema;
  expirationSeconds: z.ZodOptional<z.ZodString>;
}, z.core.$loose> = exact(
  z.looseObject({
    credential: TurnkeyCredentialSchema,
    apiKeyId: z.string(),
    apiKeyName: z.string(),
    createdAt: TurnkeyTimestampSchema,
    updatedAt: TurnkeyTimestampSchema,
    expirationSeconds: z.string().optional().meta({
      description: "Lifetime in seconds after createdAt (decimal string); absent: never expires.",
      example: "7776000",
    }),
  }).meta({ id: "TurnkeyApiKey" }),
);

/** An OAuth/OIDC identity linked to the user. */
export const TurnkeyOauthProviderSchema: z.ZodObject<{
  providerId: z.ZodString;
  providerName: z.ZodString;
  issuer: z.ZodString;
  audience: z.ZodString;
  subject: z.ZodString;
  createdAt: typeof TurnkeyTimestampSchema;
  updatedAt: typeof TurnkeyTimestampSchema;
}, z.core.$loose> = exact(
  z.looseObject({
    providerId: z.string(),
    providerName: z.string(),
    issuer: z.string(),
    audience: z.string(),
    subject: z.string(),
    createdAt: TurnkeyTimestampSchema,
    updatedAt: TurnkeyTimestampSchema,
  }).meta({ id: "TurnkeyOauthProvider" }),
);

/** One way of satisfying an MFA step (swagger `v1AuthenticationMethod`). */
export const TurnkeyAuthenticationMethodSchema: z.ZodObject<{
  type: typeof TurnkeyAuthenticationTypeSchema;
  id: z.ZodOptional<z.ZodString>;
}, z.core.$loose> = exact(
  z.looseObject({
    type: TurnkeyAuthenticationTypeSchema,
    id: z.string().optional().meta({
      description: "A specific authenticator the step requires (e.g. a session profile id).",
    }),
  }).meta({ id: "TurnkeyAuthenticationMethod" }),
);

/**
 * One MFA step (swagger `v1RequiredAuthenticationMethod`): satisfied by ANY one of its methods
 * (a single method is simply required).
 */
export const TurnkeyRequiredAuthenticationMethodSchema: z.ZodObject<{
  any: z.ZodArray<typeof TurnkeyAuthenticationMethodSchema>;
}, z.core.$loose> = exact(
  z.looseObject({
    any: z.array(TurnkeyAuthenticationMethodSchema).meta({
      description: "The methods of this step; any one of them satisfies it.",
    }),
  }).meta({ id: "TurnkeyRequiredAuthenticationMethod" }),
);

/** An MFA policy of the user (swagger `v1MfaPolicy`). */
export const TurnkeyMfaPolicySchema: z.ZodObject<{
  mfaPolicyId: z.ZodString;
  mfaPolicyName: z.ZodString;
  condition: z.ZodString;
  requiredAuthenticationMethods: z.ZodArray<typeof TurnkeyRequiredAuthenticationMethodSchema>;
  order: z.ZodNumber;
  notes: z.ZodOptional<z.ZodString>;
  createdAt: typeof TurnkeyTimestampSchema;
  updatedAt: typeof TurnkeyTimestampSchema;
}, z.core.$loose> = exact(
  z.looseObject({
    mfaPolicyId: z.string(),
    mfaPolicyName: z.string(),
    condition: z.string().meta({
      description: "When the policy applies: an expression that evaluates to true or false.",
      example: "activity.type == 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2'",
    }),
    requiredAuthenticationMethods: z.array(TurnkeyRequiredAuthenticationMethodSchema).meta({
      description: "The steps, satisfied one after another to complete MFA.",
    }),
    order: z.number().int().meta({
      description: "Where this policy is evaluated relative to the user's other MFA policies.",
      example: 0,
    }),
    notes: z.string().optional(),
    createdAt: TurnkeyTimestampSchema,
    updatedAt: TurnkeyTimestampSchema,
  }).meta({ id: "TurnkeyMfaPolicy" }),
);

/** A Turnkey user as `get_user` returns it. Lenient: extra fields pass through. */
export const TurnkeyUserSchema: z.ZodObject<{
  userId: z.ZodString;
  userName: z.ZodString;
  userEmail: z.ZodOptional<z.ZodString>;
  userPhoneNumber: z.ZodOptional<z.ZodString>;
  authenticators: z.ZodArray<typeof TurnkeyAuthenticatorSchema>;
  apiKeys: z.ZodArray<typeof TurnkeyApiKeySchema>;
  userTags: z.ZodArray<z.ZodString>;
  oauthProviders: z.ZodArray<typeof TurnkeyOauthProviderSchema>;
  createdAt: typeof TurnkeyTimestampSchema;
  updatedAt: typeof TurnkeyTimestampSchema;
  mfaPolicies: z.ZodOptional<z.ZodArray<typeof TurnkeyMfaPolicySchema>>;
}, z.core.$loose> = exact(
  z.looseObject({
    userId: z.string(),
    userName: z.string(),
    userEmail: z.string().optional(),
    userPhoneNumber: z.string().optional(),
    authenticators: z.array(TurnkeyAuthenticatorSchema),
    apiKeys: z.array(TurnkeyApiKeySchema),
    userTags: z.array(z.string()).meta({ description: "Ids of the user tags." }),
    oauthProviders: z.array(TurnkeyOauthProviderSchema),
    createdAt: TurnkeyTimestampSchema,
    updatedAt: TurnkeyTimestampSchema,
    // The swagger requires mfaPolicies, but responses of API versions from before MFA policies omit
    // it: a user from such an answer is still a valid user, so absence is accepted (not defaulted,
    // so "not reported" stays distinguishable from "no policies").
    mfaPolicies: z.array(TurnkeyMfaPolicySchema).optional().meta({
      description:
        "The user's MFA policies. Required by Turnkey's current API; absent from older versions' answers.",
    }),
  }).meta({ id: "TurnkeyUser" }),
);

/**
 * A non-empty string without surrounding whitespace: ids we send must be exact. A pattern rather
 * than a refinement, so the published JSON Schema checks it too (it uses no lookaround, so every
 * regex dialect reads it).
 */
const TurnkeyIdSchema = z.string().min(1).regex(/^\S(?:[\s\S]*\S)?$/, {
  error: "Must not have leading or trailing whitespace",
});

/**
 * The body of `POST /public/v1/query/get_user`. Strict: unknown keys and empty ids are rejected
 * before anything is signed or sent.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TurnkeyGetUserRequestSchema } from "@spkey/contracts";
 * const request = TurnkeyGetUserRequestSchema.parse({ organizationId: "org-1", userId: "user-1" });
 * assertEquals(request.userId, "user-1");
 * const empty = TurnkeyGetUserRequestSchema.safeParse({ organizationId: "org-1", userId: "" });
 * assertEquals(empty.success, false);
 * ```
 */
export const TurnkeyGetUserRequestSchema: z.ZodObject<{
  organizationId: z.ZodString;
  userId: z.ZodString;
}, z.core.$strict> = exact(
  z.strictObject({
    organizationId: TurnkeyIdSchema.meta({
      description: "Unique identifier for a given Organization.",
    }),
    userId: TurnkeyIdSchema.meta({ description: "Unique identifier for a given User." }),
  }).meta({ id: "TurnkeyGetUserRequest" }),
);

/**
 * The answer of `get_user`: `{ user }`. Lenient: extra fields pass through, unknown enum values
 * parse, `mfaPolicies` may be absent (older API versions); known fields come back unchanged.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TurnkeyGetUserResponseSchema } from "@spkey/contracts";
 * const at = { seconds: "1767225600", nanos: "0" };
 * const user = {
 *   userId: "user-1", userName: "Ada", authenticators: [], apiKeys: [], userTags: [],
 *   oauthProviders: [], createdAt: at, updatedAt: at, futureField: true,
 *   mfaPolicies: [{
 *     mfaPolicyId: "mfa-1", mfaPolicyName: "Passkey to sign", order: 0,
 *     condition: "activity.type == 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2'",
 *     requiredAuthenticationMethods: [{ any: [{ type: "AUTHENTICATION_TYPE_PASSKEY" }] }],
 *     createdAt: at, updatedAt: at,
 *   }],
 * };
 * assertEquals(TurnkeyGetUserResponseSchema.parse({ user }), { user });
 * const { mfaPolicies: _, ...older } = user;
 * assertEquals(TurnkeyGetUserResponseSchema.parse({ user: older }).user.mfaPolicies, undefined);
 * const noOrder = { ...user, mfaPolicies: [{ ...user.mfaPolicies[0], order: "first" }] };
 * assertEquals(TurnkeyGetUserResponseSchema.safeParse({ user: noOrder }).success, false);
 * ```
 */
export const TurnkeyGetUserResponseSchema: z.ZodObject<{
  user: typeof TurnkeyUserSchema;
}, z.core.$loose> = exact(
  z.looseObject({
    user: TurnkeyUserSchema,
  }).meta({ id: "TurnkeyGetUserResponse" }),
);

/** The `get_user` request body. */
export type TurnkeyGetUserRequest = z.infer<typeof TurnkeyGetUserRequestSchema>;
/** The `get_user` response. */
export type TurnkeyGetUserResponse = z.infer<typeof TurnkeyGetUserResponseSchema>;
/** A Turnkey user. */
export type TurnkeyUser = z.infer<typeof TurnkeyUserSchema>;
/** A Turnkey timestamp. */
export type TurnkeyTimestamp = z.infer<typeof TurnkeyTimestampSchema>;
/** A WebAuthn authenticator. */
export type TurnkeyAuthenticator = z.infer<typeof TurnkeyAuthenticatorSchema>;
/** An API key. */
export type TurnkeyApiKey = z.infer<typeof TurnkeyApiKeySchema>;
/** An OAuth provider link. */
export type TurnkeyOauthProvider = z.infer<typeof TurnkeyOauthProviderSchema>;
/** A credential (public key and type). */
export type TurnkeyCredential = z.infer<typeof TurnkeyCredentialSchema>;
/** An MFA policy. */
export type TurnkeyMfaPolicy = z.infer<typeof TurnkeyMfaPolicySchema>;
/** One MFA step: any one of its methods satisfies it. */
export type TurnkeyRequiredAuthenticationMethod = z.infer<
  typeof TurnkeyRequiredAuthenticationMethodSchema
>;
/** One way of satisfying an MFA step. */
export type TurnkeyAuthenticationMethod = z.infer<typeof TurnkeyAuthenticationMethodSchema>;
