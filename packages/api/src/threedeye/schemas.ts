/**
 * The shapes the 3dEye client accepts, validated leniently: extra fields are ignored, a user's
 * email may be missing or null, ids may be numbers, and token fields may come camelCase or
 * OAuth-style snake_case. See `client.ts` for the API assumptions behind them.
 *
 * @module
 */
import { z } from "zod";
import type { ThreedeyeUser } from "../domain.ts";

/** One 3dEye user as diagnostics needs it. */
export const ThreedeyeUserSchema: z.ZodType<ThreedeyeUser, unknown> = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  email: z.unknown().optional().transform((v) => (typeof v === "string" ? v : null)),
});

const Count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().nonnegative());

/** A listing page: `{ data: [...], total? }`. */
export const UserPageSchema: z.ZodType<{ data: ThreedeyeUser[]; total: number | null }, unknown> = z
  .object({
    data: z.array(ThreedeyeUserSchema),
    total: Count.nullish().transform((v) => v ?? null),
  });

/** `GET /users/{id}`: the user itself, or wrapped as `{ data: user }`. */
export const SingleUserSchema: z.ZodType<ThreedeyeUser, unknown> = z.union([
  ThreedeyeUserSchema,
  z.object({ data: ThreedeyeUserSchema }).transform((wrapped) => wrapped.data),
]);

/** The token answer: `{ accessToken, expiresIn? }` (seconds), or `access_token`/`expires_in`. */
export const TokenSchema: z.ZodType<{ accessToken: string; expiresIn: number | null }, unknown> = z
  .object({
    accessToken: z.string().min(1).optional(),
    access_token: z.string().min(1).optional(),
    expiresIn: z.number().positive().nullish(),
    expires_in: z.number().positive().nullish(),
  })
  .refine((t) => t.accessToken !== undefined || t.access_token !== undefined)
  .transform((t) => ({
    accessToken: (t.accessToken ?? t.access_token)!,
    expiresIn: t.expiresIn ?? t.expires_in ?? null,
  }));
