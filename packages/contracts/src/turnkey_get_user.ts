/**
 * Turnkey's `get_user` query (`POST /public/v1/query/get_user`): the request we send and the
 * response we receive.
 *
 * Strict where we send, lenient where we receive:
 * - the request is a strict object of non-empty strings, so a typo never reaches Turnkey;
 * - response objects keep unknown fields (loose objects), enums accept values added after this was
 *   written (the known ones stay listed in types and docs), and `mfaPolicies` (new in 2026, contents
 *   undocumented) may be absent. A real response from a newer Turnkey therefore still parses.
 *
 * @module
 */
import { z } from "zod";
import { lenientEnum } from "./_lenient_enum.ts";

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
export const TurnkeyAuthenticatorTransportSchema = lenientEnum(
  TURNKEY_AUTHENTICATOR_TRANSPORTS,
  "How a WebAuthn authenticator talks to the client.",
);

/** A credential type; unknown future values parse as plain strings. */
export const TurnkeyCredentialTypeSchema = lenientEnum(
  TURNKEY_CREDENTIAL_TYPES,
  "The kind of credential.",
);

/** An authentication type; unknown future values parse as plain strings. */
export const TurnkeyAuthenticationTypeSchema = lenientEnum(
  TURNKEY_AUTHENTICATION_TYPES,
  "A way of authenticating to Turnkey.",
);

/** A protobuf timestamp as Turnkey renders it: `{ seconds, nanos }`, both decimal strings. */
export const TurnkeyTimestampSchema = z.looseObject({
  seconds: z.string().meta({ description: "Seconds since the Unix epoch.", example: "1767225600" }),
  nanos: z.string().meta({ description: "Nanoseconds within the second.", example: "0" }),
}).meta({ id: "TurnkeyTimestamp" });

/** A credential: public key plus its type. */
export const TurnkeyCredentialSchema = z.looseObject({
  publicKey: z.string(),
  type: TurnkeyCredentialTypeSchema,
}).meta({ id: "TurnkeyCredential" });

/** A WebAuthn authenticator (passkey) registered for the user. */
export const TurnkeyAuthenticatorSchema = z.looseObject({
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
}).meta({ id: "TurnkeyAuthenticator" });

/** An API key of the user; `expirationSeconds` is absent for keys that never expire. */
export const TurnkeyApiKeySchema = z.looseObject({
  credential: TurnkeyCredentialSchema,
  apiKeyId: z.string(),
  apiKeyName: z.string(),
  createdAt: TurnkeyTimestampSchema,
  updatedAt: TurnkeyTimestampSchema,
  expirationSeconds: z.string().optional().meta({
    description: "Lifetime in seconds after createdAt (decimal string); absent: never expires.",
    example: "7776000",
  }),
}).meta({ id: "TurnkeyApiKey" });

/** An OAuth/OIDC identity linked to the user. */
export const TurnkeyOauthProviderSchema = z.looseObject({
  providerId: z.string(),
  providerName: z.string(),
  issuer: z.string(),
  audience: z.string(),
  subject: z.string(),
  createdAt: TurnkeyTimestampSchema,
  updatedAt: TurnkeyTimestampSchema,
}).meta({ id: "TurnkeyOauthProvider" });

/**
 * An MFA policy. New in 2026 and not documented yet, so nothing is assumed about its fields: any
 * object passes through unchanged.
 */
export const TurnkeyMfaPolicySchema = z.looseObject({}).meta({
  id: "TurnkeyMfaPolicy",
  description: "MFA policy (new in 2026; fields not documented yet, passed through as received).",
});

/** A Turnkey user as `get_user` returns it. Lenient: extra fields pass through. */
export const TurnkeyUserSchema = z.looseObject({
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
  mfaPolicies: z.array(TurnkeyMfaPolicySchema).optional().meta({
    description: "New in 2026; absent from older responses.",
  }),
}).meta({ id: "TurnkeyUser" });

/** A non-empty string without surrounding whitespace: ids we send must be exact. */
const TurnkeyIdSchema = z.string().min(1).refine((value) => value.trim() === value, {
  message: "Must not have leading or trailing whitespace",
});

/**
 * The body of `POST /public/v1/query/get_user`. Strict: unknown keys and empty ids are rejected
 * before anything is signed or sent.
 *
 * @example
 * ```ts
 * import { TurnkeyGetUserRequestSchema } from "@spkey/contracts";
 * const request = TurnkeyGetUserRequestSchema.parse({ organizationId: "org-1", userId: "user-1" });
 * console.assert(request.userId === "user-1");
 * console.assert(!TurnkeyGetUserRequestSchema.safeParse({ organizationId: "org-1", userId: "" }).success);
 * ```
 */
export const TurnkeyGetUserRequestSchema = z.strictObject({
  organizationId: TurnkeyIdSchema.meta({
    description: "Unique identifier for a given Organization.",
  }),
  userId: TurnkeyIdSchema.meta({ description: "Unique identifier for a given User." }),
}).meta({ id: "TurnkeyGetUserRequest" });

/**
 * The answer of `get_user`: `{ user }`. Lenient: extra fields pass through, unknown enum values
 * parse, `mfaPolicies` may be absent.
 *
 * @example
 * ```ts
 * import { TurnkeyGetUserResponseSchema } from "@spkey/contracts";
 * const at = { seconds: "1767225600", nanos: "0" };
 * const { user } = TurnkeyGetUserResponseSchema.parse({
 *   user: {
 *     userId: "user-1", userName: "Ada", authenticators: [], apiKeys: [], userTags: [],
 *     oauthProviders: [], createdAt: at, updatedAt: at, futureField: true,
 *   },
 * });
 * console.assert(user.userName === "Ada");
 * ```
 */
export const TurnkeyGetUserResponseSchema = z.looseObject({
  user: TurnkeyUserSchema,
}).meta({ id: "TurnkeyGetUserResponse" });

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
