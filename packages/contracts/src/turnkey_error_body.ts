/**
 * The body Turnkey answers with when a request fails: a gRPC-gateway status,
 * `{ code, message, details[] }`, where `details[].turnkeyErrorCode` is the stable thing to branch
 * on (`code` is the gRPC status code, e.g. 5 NOT_FOUND, 16 UNAUTHENTICATED).
 *
 * Lenient, as everything we receive: extra fields pass through, `details` may be missing.
 *
 * @module
 */
import { z } from "zod";

/** One entry of `details`: usually `{ "@type": "...TurnkeyErrorDetail", turnkeyErrorCode }`. */
export const TurnkeyErrorDetailSchema = z.looseObject({
  "@type": z.string().optional().meta({
    example: "type.googleapis.com/errors.v1.TurnkeyErrorDetail",
  }),
  turnkeyErrorCode: z.string().optional().meta({ example: "PUBLIC_KEY_NOT_FOUND" }),
}).meta({ id: "TurnkeyErrorDetail" });

/**
 * A Turnkey error body.
 *
 * @example
 * ```ts
 * import { TurnkeyErrorBodySchema } from "@spkey/contracts";
 * const body = TurnkeyErrorBodySchema.parse({
 *   code: 5,
 *   message: "user not found",
 *   details: [{ turnkeyErrorCode: "USER_NOT_FOUND" }],
 * });
 * console.assert(body.details?.[0]?.turnkeyErrorCode === "USER_NOT_FOUND");
 * ```
 */
export const TurnkeyErrorBodySchema = z.looseObject({
  code: z.number().int().meta({ description: "gRPC status code.", example: 16 }),
  message: z.string(),
  details: z.array(TurnkeyErrorDetailSchema).optional(),
  turnkeyErrorCode: z.string().optional().meta({
    description: "Newer responses repeat the first detail's code here (sometimes empty).",
  }),
}).meta({ id: "TurnkeyErrorBody" });

/** A Turnkey error body. */
export type TurnkeyErrorBody = z.infer<typeof TurnkeyErrorBodySchema>;
/** One entry of a Turnkey error body's `details`. */
export type TurnkeyErrorDetail = z.infer<typeof TurnkeyErrorDetailSchema>;

/**
 * The first non-empty `turnkeyErrorCode` of an error body: from `details[]` first, then the
 * top-level field newer responses carry.
 *
 * @param body A parsed Turnkey error body.
 * @returns The code, or `undefined` when the body has none.
 *
 * @example
 * ```ts
 * import { turnkeyErrorCodeOf } from "@spkey/contracts";
 * const code = turnkeyErrorCodeOf({ code: 16, message: "no", details: [{ turnkeyErrorCode: "API_KEY_EXPIRED" }] });
 * console.assert(code === "API_KEY_EXPIRED");
 * ```
 */
export function turnkeyErrorCodeOf(body: TurnkeyErrorBody): string | undefined {
  for (const detail of body.details ?? []) {
    if (detail.turnkeyErrorCode) return detail.turnkeyErrorCode;
  }
  return body.turnkeyErrorCode || undefined;
}
