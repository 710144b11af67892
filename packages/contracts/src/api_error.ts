/**
 * The JSON error envelope every non-2xx response of the admin API carries.
 *
 * @module
 */
import { z } from "zod";

/**
 * `{ error, message, code, requestId?, details? }`: `error` is the HTTP reason phrase
 * ("Unauthorized"), `code` the HTTP status.
 *
 * @example
 * ```ts
 * import { ApiErrorSchema } from "@spkey/contracts";
 * const e = ApiErrorSchema.parse({ error: "Unauthorized", message: "Authentication required.", code: 401 });
 * console.assert(e.code === 401);
 * ```
 */
export const ApiErrorSchema = z.object({
  error: z.string().meta({ description: "HTTP reason phrase", example: "Unauthorized" }),
  message: z.string().meta({
    example: "Authentication required. Please provide a valid API token",
  }),
  code: z.number().int().min(400).max(599).meta({ description: "HTTP status", example: 401 }),
  requestId: z.string().optional().meta({ example: "req_1234567890" }),
  details: z.unknown().optional(),
}).meta({ id: "ApiError", description: "Error envelope of every non-2xx response." });

/** The error envelope. */
export type ApiError = z.infer<typeof ApiErrorSchema>;
