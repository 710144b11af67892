/**
 * The "3dEye provisioning diagnostics" report: a read-only snapshot of one B2C user's 3dEye
 * provisioning state across the company database and a live 3dEye probe.
 *
 * The reference documentation shows `"null"` as placeholder text; those fields are nullable
 * (JSON `null`), never the string `"null"`.
 *
 * The report and its four sections carry a stable `id` in their zod metadata
 * (`ThreedeyeDiagnostics`, `DiagnosticsUser`, `DiagnosticsMapping`, `DiagnosticsRecovery`,
 * `DiagnosticsRemote`): OpenAPI and JSON Schema generators name their components after it, so
 * generated clients get those type names. Plain zod: nothing here depends on an OpenAPI library.
 *
 * @module
 */
import { z } from "zod";
import { exact } from "./_exact.ts";

/** A B2C user id: an RFC 9562 UUID (any version), e.g. `7d3c2e1a-5b4f-4c3d-9e8f-0a1b2c3d4e5f`. */
export const UserIdSchema: z.ZodUUID = exact(
  z.uuid().meta({
    description: "b2c user UUID",
    example: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
  }),
);

/**
 * Text that may be absent: JSON `null` when absent, never the string `"null"` (the reference shows
 * `"null"` as placeholder text; rejecting it catches a serializer that stringifies null).
 */
function nullableText(): z.ZodNullable<z.ZodString> {
  return z.string().regex(/^(?!null$)/, 'Must be JSON null, not the string "null"').nullable();
}

/** The B2C user row. `email` is null when the user is not found (or has no email). */
export const DiagnosticsUserSchema: z.ZodObject<{
  found: z.ZodBoolean;
  email: z.ZodNullable<z.ZodString>;
}, z.core.$strict> = exact(
  z.strictObject({
    found: z.boolean(),
    email: nullableText(),
  }).meta({ id: "DiagnosticsUser", description: "The B2C user row." }),
);

/** The `threedeye_users` mapping row. The password never leaves the database: only `hasPassword`. */
export const DiagnosticsMappingSchema: z.ZodObject<{
  found: z.ZodBoolean;
  threedeyeUserId: z.ZodNullable<z.ZodString>;
  hasPassword: z.ZodBoolean;
  createdAt: z.ZodNullable<z.ZodISODateTime>;
  remoteAccountExists: z.ZodNullable<z.ZodBoolean>;
}, z.core.$strict> = exact(
  z.strictObject({
    found: z.boolean(),
    threedeyeUserId: nullableText(),
    hasPassword: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }).nullable().meta({
      description: "When the mapping was created (ISO 8601), null without a mapping.",
    }),
    remoteAccountExists: z.boolean().nullable().meta({
      description:
        "Whether the mapped 3dEye user id exists in the customer; null when there is no mapping or no probe.",
    }),
  }).meta({ id: "DiagnosticsMapping", description: "The threedeye_users mapping row." }),
);

/** The recovery row, if any. */
export const DiagnosticsRecoverySchema: z.ZodObject<{
  found: z.ZodBoolean;
  roleIds: z.ZodArray<z.ZodString>;
}, z.core.$strict> = exact(
  z.strictObject({
    found: z.boolean(),
    roleIds: z.array(z.string()),
  }).meta({ id: "DiagnosticsRecovery", description: "The recovery row, if any." }),
);

/** What 3dEye itself says right now (the live, customer-scoped probe). */
export const DiagnosticsRemoteSchema: z.ZodObject<{
  configured: z.ZodBoolean;
  customerId: z.ZodNullable<z.ZodString>;
  customerUserCount: z.ZodNullable<z.ZodNumber>;
  emailPresentInCustomer: z.ZodNullable<z.ZodBoolean>;
  match: z.ZodNullable<z.ZodBoolean>;
  sampleEmails: z.ZodArray<z.ZodString>;
  error: z.ZodNullable<z.ZodString>;
}, z.core.$strict> = exact(
  z.strictObject({
    configured: z.boolean().meta({ description: "Whether 3dEye settings are present." }),
    customerId: nullableText(),
    customerUserCount: z.number().int().nonnegative().nullable(),
    emailPresentInCustomer: z.boolean().nullable(),
    match: z.boolean().nullable().meta({
      description:
        "Whether the 3dEye user found by the user's email has the mapped id; null when unknown.",
    }),
    sampleEmails: z.array(z.string()).max(5).meta({
      description: "At most 5 emails seen in the customer, for spotting case or typo mismatches.",
    }),
    error: nullableText().meta({
      description: "Why the live probe failed; the rest of the report still comes back.",
    }),
  }).meta({ id: "DiagnosticsRemote", description: "What 3dEye itself says right now." }),
);

/**
 * The full diagnostics report answered by `GET /admin/threedeye/users/{userId}`.
 *
 * @example Parse a report
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
 * const report = ThreedeyeDiagnosticsSchema.parse({
 *   userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
 *   user: { found: false, email: null },
 *   mapping: { found: false, threedeyeUserId: null, hasPassword: false, createdAt: null, remoteAccountExists: null },
 *   recovery: { found: false, roleIds: [] },
 *   remote: { configured: false, customerId: null, customerUserCount: null, emailPresentInCustomer: null, match: null, sampleEmails: [], error: null },
 * });
 * assertEquals(report.user.found, false);
 * ```
 */
export const ThreedeyeDiagnosticsSchema: z.ZodObject<{
  userId: typeof UserIdSchema;
  user: typeof DiagnosticsUserSchema;
  mapping: typeof DiagnosticsMappingSchema;
  recovery: typeof DiagnosticsRecoverySchema;
  remote: typeof DiagnosticsRemoteSchema;
}, z.core.$strict> = exact(
  z.strictObject({
    userId: UserIdSchema,
    user: DiagnosticsUserSchema,
    mapping: DiagnosticsMappingSchema,
    recovery: DiagnosticsRecoverySchema,
    remote: DiagnosticsRemoteSchema,
  }).meta({
    id: "ThreedeyeDiagnostics",
    description:
      "Read-only snapshot of a user's 3dEye provisioning state across the database and a live 3dEye probe.",
  }),
);

/** The diagnostics report. */
export type ThreedeyeDiagnostics = z.infer<typeof ThreedeyeDiagnosticsSchema>;
/** The `remote` section of the report. */
export type DiagnosticsRemote = z.infer<typeof DiagnosticsRemoteSchema>;
