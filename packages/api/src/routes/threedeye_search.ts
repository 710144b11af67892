/**
 * `GET /admin/threedeye/users?email=`: the users whose stored email matches an address, so that
 * a support engineer holding a ticket (which carries an email, not a user id) finds the ids the
 * diagnostics report takes. ASCII letter case is ignored, other letters match exactly (SQLite's
 * NOCASE); one database round trip; at most {@linkcode USER_SEARCH_LIMIT} candidates, with
 * `truncated` saying more matched. No match is a 200 with an empty list; a malformed address a
 * 400; a database failure a 503.
 *
 * Each search writes one audit line: the admin, the outcome, the number of matches and the
 * matched user ids. Never the email.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  type ThreedeyeUserSearch,
  ThreedeyeUserSearchSchema,
  UserSearchEmailSchema,
} from "@spkey/contracts";
import type { AppEnv } from "../app_env.ts";
import { ApiException } from "../errors.ts";
import { audit, type Logger } from "../logging.ts";
import { ADMIN_ERROR_STATUSES, ADMIN_SECURITY, errorResponses } from "../openapi.ts";
import { type DiagnosticsStore, StoreUnavailableError } from "../domain.ts";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./threedeye.ts";

/** The most candidates one answer lists. */
export const USER_SEARCH_LIMIT = 20;

const QuerySchema = z.object({
  email: UserSearchEmailSchema.meta({ param: { name: "email", in: "query" } }),
});

/** The route definition. */
export const threedeyeUserSearchRoute = createRoute({
  method: "get",
  path: "/admin/threedeye/users",
  operationId: "searchThreedeyeUsersByEmail",
  tags: ["3dEye"],
  summary: "Find users by email",
  description:
    "The users whose stored email equals `email`, ignoring the letter case of ASCII letters " +
    "(other letters must match exactly), oldest first: each with its user id (for the " +
    `diagnostics report), whether a 3dEye mapping exists and when it was created. At most ` +
    `${USER_SEARCH_LIMIT} are listed; \`truncated\` says more matched. No match is a 200 with ` +
    "an empty list. Requires dual auth: X-Admin-API-Key + JWT.",
  security: ADMIN_SECURITY,
  request: { query: QuerySchema },
  responses: {
    200: {
      description: "The matching users (an empty list when none matches).",
      content: { "application/json": { schema: ThreedeyeUserSearchSchema } },
    },
    ...errorResponses(ADMIN_ERROR_STATUSES),
  },
});

/** What the route needs. */
export interface ThreedeyeSearchRouteDeps {
  store: DiagnosticsStore;
  log: Logger;
}

/** The route as a sub-app. */
export function threedeyeSearchRoutes(deps: ThreedeyeSearchRouteDeps) {
  return new OpenAPIHono<AppEnv>().openapi(threedeyeUserSearchRoute, async (c) => {
    const { email } = c.req.valid("query");
    let found;
    try {
      found = await deps.store.findUsersByEmail(email, USER_SEARCH_LIMIT);
    } catch (error) {
      audit(deps.log, c, { action: "threedeye.search", outcome: "error", matches: null });
      if (error instanceof StoreUnavailableError) {
        throw new ApiException(503, DATABASE_UNAVAILABLE_MESSAGE, { cause: error });
      }
      throw error;
    }
    const answer: ThreedeyeUserSearch = {
      email,
      candidates: found.candidates.map((candidate) => ({
        userId: candidate.id,
        email: candidate.email,
        createdAt: candidate.createdAt,
        hasThreedeyeMapping: candidate.hasThreedeyeMapping,
      })),
      limit: USER_SEARCH_LIMIT,
      truncated: found.truncated,
    };
    audit(deps.log, c, {
      action: "threedeye.search",
      outcome: answer.candidates.length > 0 ? "found" : "not_found",
      matches: answer.candidates.length,
      truncated: answer.truncated,
      userIds: answer.candidates.map((candidate) => candidate.userId),
    });
    return c.json(answer, 200);
  });
}
