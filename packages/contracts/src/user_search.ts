/**
 * Looking a user up by email: the query (`GET /admin/threedeye/users?email=`) and its answer, the
 * candidate users whose stored email matches. A support ticket carries an email, not a user id;
 * the candidates give the ids that the diagnostics report (`GET /admin/threedeye/users/{userId}`)
 * takes.
 *
 * Matching ignores letter case for ASCII letters only (`A`–`Z` = `a`–`z`, as SQLite's NOCASE
 * collation does); other letters must match exactly (`Ä` does not find `ä`). Surrounding spaces of
 * the query are dropped; a stored address is compared as it is stored.
 *
 * @module
 */
import { z } from "zod";
import { exact } from "./_exact.ts";
import { UserIdSchema } from "./diagnostics.ts";

/** The longest address accepted (RFC 5321's 256-octet path minus its angle brackets). */
export const USER_SEARCH_EMAIL_MAX_LENGTH = 254;

// local@domain: no whitespace, control characters, quotes or second "@"; a local part of at most
// 64 characters; a domain of at least two non-empty labels. Non-ASCII letters are allowed (stored
// addresses may have them). No `u` flag: the pattern is copied into the OpenAPI document as text.
// Control characters are named on purpose: they are what the pattern keeps out.
const EMAIL_PATTERN =
  // deno-lint-ignore no-control-regex
  /^[^\s@"\x00-\x1f\x7f-\x9f]{1,64}@[^\s@".\x00-\x1f\x7f-\x9f]+(?:\.[^\s@".\x00-\x1f\x7f-\x9f]+)+$/;

/**
 * The address to search for: trimmed, at most {@linkcode USER_SEARCH_EMAIL_MAX_LENGTH}
 * characters, shaped `local@domain`. Deliberately looser than a mailbox validator: it has to
 * accept whatever a user signed up with, and only reject what cannot be an address.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { UserSearchEmailSchema } from "@spkey/contracts";
 * assertEquals(UserSearchEmailSchema.parse("  Alice@Example.com "), "Alice@Example.com");
 * assertEquals(UserSearchEmailSchema.safeParse("alice").success, false);
 * ```
 */
export const UserSearchEmailSchema: z.ZodString = exact(
  z.string({
    error: (issue) =>
      issue.input === undefined
        ? "is required (the email address to search for)"
        : Array.isArray(issue.input)
        ? "must be given once"
        : "must be a string",
  })
    .trim()
    .max(USER_SEARCH_EMAIL_MAX_LENGTH, {
      error: `must be at most ${USER_SEARCH_EMAIL_MAX_LENGTH} characters`,
    })
    .regex(EMAIL_PATTERN, { error: "must be an email address (local@domain)" })
    .meta({
      description: "An email address; ASCII letter case is ignored, other letters match exactly.",
      example: "alice@example.com",
    }),
);

/** One user whose stored email matches the query. */
export const UserSearchCandidateSchema: z.ZodObject<{
  userId: typeof UserIdSchema;
  email: z.ZodString;
  createdAt: z.ZodNullable<z.ZodISODateTime>;
  hasThreedeyeMapping: z.ZodBoolean;
}, z.core.$strict> = exact(
  z.strictObject({
    userId: UserIdSchema,
    email: z.string().meta({ description: "The email as stored (its letter case may differ)." }),
    createdAt: z.iso.datetime({ offset: true }).nullable().meta({
      description:
        "When the user row was created (ISO 8601); null when the stored value is not a timestamp.",
    }),
    hasThreedeyeMapping: z.boolean().meta({
      description:
        "Whether a threedeye_users mapping row exists for the user (the report's mapping.found).",
    }),
  }).meta({ id: "UserSearchCandidate" }),
);

/**
 * The answer of `GET /admin/threedeye/users?email=`: the candidates (oldest user first), at most
 * `limit` of them; `truncated` says more users match than were listed. No match is an empty list.
 *
 * @example Parse an answer with two candidates
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ThreedeyeUserSearchSchema } from "@spkey/contracts";
 * const answer = ThreedeyeUserSearchSchema.parse({
 *   email: "alice@example.com",
 *   candidates: [
 *     { userId: "11111111-1111-4111-8111-111111111111", email: "alice@example.com", createdAt: "2026-01-05T09:58:00.000Z", hasThreedeyeMapping: true },
 *     { userId: "88888888-8888-4888-8888-888888888888", email: "Alice@Example.com", createdAt: "2026-06-02T10:00:00.000Z", hasThreedeyeMapping: false },
 *   ],
 *   limit: 20,
 *   truncated: false,
 * });
 * assertEquals(answer.candidates.map((c) => c.hasThreedeyeMapping), [true, false]);
 * ```
 */
export const ThreedeyeUserSearchSchema: z.ZodObject<{
  email: z.ZodString;
  candidates: z.ZodArray<typeof UserSearchCandidateSchema>;
  limit: z.ZodNumber;
  truncated: z.ZodBoolean;
}, z.core.$strict> = exact(
  z.strictObject({
    email: z.string().meta({ description: "The address searched for, trimmed." }),
    candidates: z.array(UserSearchCandidateSchema).meta({
      description: "The matching users, oldest first; empty when none matches.",
    }),
    limit: z.number().int().positive().meta({
      description: "The most candidates one answer lists.",
      example: 20,
    }),
    truncated: z.boolean().meta({
      description: "True when more users match than `limit`: only the first `limit` are listed.",
    }),
  }).refine(
    (answer) =>
      answer.truncated
        ? answer.candidates.length === answer.limit
        : answer.candidates.length <= answer.limit,
    {
      error: "must list at most `limit` candidates, and exactly `limit` when truncated",
      path: ["candidates"],
    },
  ).meta({
    id: "ThreedeyeUserSearch",
    description: "The users whose stored email matches an address (ASCII letter case ignored).",
  }),
);

/** One candidate of a user search. */
export type UserSearchCandidate = z.infer<typeof UserSearchCandidateSchema>;
/** The answer of a user search by email. */
export type ThreedeyeUserSearch = z.infer<typeof ThreedeyeUserSearchSchema>;
