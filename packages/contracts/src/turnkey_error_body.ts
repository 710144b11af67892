/**
 * The body Turnkey answers with when a request fails: a gRPC-gateway status (swagger `rpcStatus`),
 * `{ code, message, details[] }`, where `code` is the gRPC status code (e.g. 5 NOT_FOUND,
 * 16 UNAUTHENTICATED) and `details[].turnkeyErrorCode` is the stable thing to branch on.
 *
 * Lenient, as everything we receive, and exactly as loose as Turnkey's published definition: the
 * swagger requires none of the three fields, and Turnkey's SDK types `details` as
 * `unknown[] | null`, so `{}`, a missing `code` or `message`, and `details: null` all parse. Each
 * detail is a `protobufAny`: an object with an optional `@type` and any other fields. Extra fields
 * pass through. Turnkey's text (`message`, details) is for logs and for the caller's own
 * classification; our API never forwards it.
 *
 * @module
 */
import { z } from "zod";
import { exact } from "./_exact.ts";

/**
 * One entry of `details` (swagger `protobufAny`): `{ "@type", ...any }`. A
 * `type.googleapis.com/errors.v1.TurnkeyErrorDetail` entry carries `turnkeyErrorCode`; it is read
 * by {@linkcode turnkeyErrorCodeOf} only when it is a string, since the swagger types nothing but
 * `@type`.
 */
export const TurnkeyErrorDetailSchema: z.ZodObject<{
  "@type": z.ZodOptional<z.ZodString>;
}, z.core.$loose> = exact(
  z.looseObject({
    "@type": z.string().optional().meta({
      example: "type.googleapis.com/errors.v1.TurnkeyErrorDetail",
    }),
  }).meta({
    id: "TurnkeyErrorDetail",
    description: "A protobuf Any; TurnkeyErrorDetail entries carry a string turnkeyErrorCode.",
  }),
);

/**
 * A Turnkey error body. Nothing is required: the swagger requires no field, and the SDK accepts
 * `details: null`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TurnkeyErrorBodySchema } from "@spkey/contracts";
 * const body = { code: 5, message: "user not found", details: null };
 * assertEquals(TurnkeyErrorBodySchema.parse(body), body);
 * assertEquals(TurnkeyErrorBodySchema.parse({}), {});
 * assertEquals(TurnkeyErrorBodySchema.safeParse({ code: "NOT_FOUND" }).success, false);
 * ```
 */
export const TurnkeyErrorBodySchema: z.ZodObject<{
  code: z.ZodOptional<z.ZodNumber>;
  message: z.ZodOptional<z.ZodString>;
  details: z.ZodOptional<z.ZodNullable<z.ZodArray<typeof TurnkeyErrorDetailSchema>>>;
}, z.core.$loose> = exact(
  z.looseObject({
    code: z.number().int().optional().meta({ description: "gRPC status code.", example: 16 }),
    message: z.string().optional(),
    details: z.array(TurnkeyErrorDetailSchema).nullable().optional(),
  }).meta({ id: "TurnkeyErrorBody" }),
);

/** A Turnkey error body. */
export type TurnkeyErrorBody = z.infer<typeof TurnkeyErrorBodySchema>;
/** One entry of a Turnkey error body's `details`. */
export type TurnkeyErrorDetail = z.infer<typeof TurnkeyErrorDetailSchema>;

/**
 * The first non-empty string `turnkeyErrorCode` of an error body: from `details[]` first, then the
 * top-level field newer responses repeat it in (sometimes empty; not in the swagger).
 *
 * @param body A parsed Turnkey error body.
 * @returns The code, or `undefined` when the body has none.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { turnkeyErrorCodeOf } from "@spkey/contracts";
 * const expired = { code: 16, message: "no", details: [{ turnkeyErrorCode: "API_KEY_EXPIRED" }] };
 * assertEquals(turnkeyErrorCodeOf(expired), "API_KEY_EXPIRED");
 * assertEquals(turnkeyErrorCodeOf({ code: 5, details: null }), undefined);
 * ```
 */
export function turnkeyErrorCodeOf(body: TurnkeyErrorBody): string | undefined {
  for (const detail of body.details ?? []) {
    if (isCode(detail.turnkeyErrorCode)) return detail.turnkeyErrorCode;
  }
  return isCode(body.turnkeyErrorCode) ? body.turnkeyErrorCode : undefined;
}

function isCode(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}
