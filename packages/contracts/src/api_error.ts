/**
 * The JSON error envelope of the admin API, as two parsers:
 *
 * - {@linkcode ApiErrorResponseSchema} is STRICT: exactly what this API sends on every non-2xx
 *   (`requestId` required, no other fields). The OpenAPI document names it `ApiError`, so
 *   generated clients get `requestId: string`. Use it to check our own responses.
 * - {@linkcode ApiErrorSchema} is LENIENT: the same envelope as other services and proxies may
 *   send it (`requestId` optional, `details` of any shape, unknown fields dropped). Use it to parse
 *   envelopes you receive from anything but this API's own answers.
 *
 * The 400 of a failed validation is {@linkcode ValidationErrorResponseSchema}: the strict
 * envelope plus `details` listing the issues.
 *
 * @module
 */
import { z } from "zod";
import { exact } from "./_exact.ts";

const error = z.string().meta({ description: "HTTP reason phrase", example: "Unauthorized" });
const message = z.string().meta({
  example: "Authentication required. Please provide a valid API token",
});
const code = z.number().int().min(400).max(599).meta({
  description: "HTTP status",
  example: 401,
});
const requestId = z.string().min(1).meta({
  description: "The request's id, also sent as X-Request-Id; quote it when reporting a problem.",
  example: "req_1234567890",
});

/**
 * LENIENT error envelope `{ error, message, code, requestId?, details? }` for envelopes received
 * from elsewhere (a proxy, another service): `error` is the HTTP reason phrase ("Unauthorized"),
 * `code` the HTTP status; unknown fields are accepted and dropped from the result.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ApiErrorSchema } from "@spkey/contracts";
 * const e = ApiErrorSchema.parse({ error: "Unauthorized", message: "Authentication required.", code: 401 });
 * assertEquals(e.code, 401);
 * assertEquals(e.requestId, undefined);
 * const proxied = ApiErrorSchema.parse({ error: "Bad Gateway", message: "No upstream.", code: 502, via: "edge-7" });
 * assertEquals("via" in proxied, false);
 * ```
 */
export const ApiErrorSchema: z.ZodObject<{
  error: z.ZodString;
  message: z.ZodString;
  code: z.ZodNumber;
  requestId: z.ZodOptional<z.ZodString>;
  details: z.ZodOptional<z.ZodUnknown>;
}, z.core.$strip> = exact(
  z.object({
    error,
    message,
    code,
    requestId: requestId.optional(),
    details: z.unknown().optional(),
  }).meta({ description: "An error envelope as any service may send it (lenient)." }),
);

/** A received error envelope (lenient). */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/**
 * STRICT error envelope `{ error, message, code, requestId }`: what this API sends on every
 * non-2xx response except a validation 400 (see {@linkcode ValidationErrorResponseSchema}).
 * Named `ApiError` in the OpenAPI document. Rejects a missing `requestId` and any extra field
 * (a stack trace or upstream text must never ride along).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { ApiErrorResponseSchema } from "@spkey/contracts";
 * const sent = { error: "Unauthorized", message: "Authentication required.", code: 401 };
 * assert(!ApiErrorResponseSchema.safeParse(sent).success, "requestId is required");
 * assert(ApiErrorResponseSchema.safeParse({ ...sent, requestId: "req_1" }).success);
 * ```
 */
export const ApiErrorResponseSchema: z.ZodObject<{
  error: z.ZodString;
  message: z.ZodString;
  code: z.ZodNumber;
  requestId: z.ZodString;
}, z.core.$strict> = exact(
  z.strictObject({ error, message, code, requestId }).meta({
    id: "ApiError",
    description: "Error envelope of every non-2xx response of this API.",
  }),
);

/** An error envelope this API sends (strict). */
export type ApiErrorResponse = z.infer<typeof ApiErrorResponseSchema>;

/** Where a failed value was: the request part a validator read. */
export const ValidationTargetSchema: z.ZodEnum<{
  param: "param";
  query: "query";
  header: "header";
  cookie: "cookie";
  json: "json";
  form: "form";
}> = exact(
  z.enum(["param", "query", "header", "cookie", "json", "form"])
    .meta({
      id: "ValidationTarget",
      description: "The part of the request that failed validation.",
    }),
);

/** One validation problem: where, and what is wrong. The received value is never echoed. */
export const ValidationIssueSchema: z.ZodObject<{
  path: z.ZodString;
  message: z.ZodString;
}, z.core.$strict> = exact(
  z.strictObject({
    path: z.string().meta({
      description: "Dotted path of the value in its target",
      example: "userId",
    }),
    message: z.string().meta({ example: "must be a UUID" }),
  }).meta({ id: "ValidationIssue" }),
);

/** `details` of a validation 400: which part of the request, and every issue found in it. */
export const ValidationErrorDetailsSchema: z.ZodObject<{
  target: typeof ValidationTargetSchema;
  issues: z.ZodArray<typeof ValidationIssueSchema>;
}, z.core.$strict> = exact(
  z.strictObject({
    target: ValidationTargetSchema,
    issues: z.array(ValidationIssueSchema).min(1),
  }).meta({ id: "ValidationErrorDetails" }),
);

/** `details` of a validation 400. */
export type ValidationErrorDetails = z.infer<typeof ValidationErrorDetailsSchema>;

/**
 * STRICT 400 envelope: {@linkcode ApiErrorResponseSchema} plus, when the request failed schema
 * validation, `details` (absent for a 400 that is not about one field, e.g. a missing default).
 * Named `ValidationError` in the OpenAPI document.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ValidationErrorResponseSchema } from "@spkey/contracts";
 * const e = ValidationErrorResponseSchema.parse({
 *   error: "Bad Request", message: "Invalid path parameter userId: must be a UUID", code: 400,
 *   requestId: "req_1",
 *   details: { target: "param", issues: [{ path: "userId", message: "must be a UUID" }] },
 * });
 * assertEquals(e.details?.issues[0].path, "userId");
 * ```
 */
export const ValidationErrorResponseSchema: z.ZodObject<{
  error: z.ZodString;
  message: z.ZodString;
  code: z.ZodLiteral<400>;
  requestId: z.ZodString;
  details: z.ZodOptional<typeof ValidationErrorDetailsSchema>;
}, z.core.$strict> = exact(
  z.strictObject({
    error: error.meta({ example: "Bad Request" }),
    message: message.meta({ example: "Invalid path parameter userId: must be a UUID" }),
    code: z.literal(400).meta({ description: "HTTP status" }),
    requestId,
    details: ValidationErrorDetailsSchema.optional(),
  }).meta({
    id: "ValidationError",
    description: "The 400 envelope; `details` lists the issues when the request failed validation.",
  }),
);

/** A validation 400 this API sends (strict). */
export type ValidationErrorResponse = z.infer<typeof ValidationErrorResponseSchema>;
