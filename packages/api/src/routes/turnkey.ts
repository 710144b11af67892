/**
 * `GET /admin/turnkey/users/{userId}?organizationId=`: Turnkey `get_user` through the server's
 * own API key. `organizationId` defaults to `TURNKEY_ORGANIZATION_ID`; 503 when Turnkey is not
 * configured. The answer is re-validated before it is passed on.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { TurnkeyGetUserResponseSchema } from "@spkey/contracts";
import type { TurnkeyClient } from "@spkey/contracts/turnkey";
import type { AppEnv } from "../app_env.ts";
import { ApiException } from "../errors.ts";
import { audit, type Logger } from "../logging.ts";
import {
  ADMIN_ERROR_STATUSES,
  ADMIN_SECURITY,
  errorResponses,
  RESPONSE_HEADERS,
} from "../openapi.ts";
import { turnkeyFailure } from "./turnkey_failure.ts";

/** The Turnkey integration: a client plus the default organization. */
export interface TurnkeyDeps {
  client: TurnkeyClient;
  organizationId: string | null;
}

// Turnkey ids are UUIDs; anything id-like is accepted, but nothing that could alter the request.
const TurnkeyIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
  error: "must be a Turnkey id (letters, digits, '.', '_', ':' or '-'; at most 128)",
});

const ParamsSchema = z.object({
  userId: TurnkeyIdSchema.meta({
    param: { name: "userId", in: "path" },
    description: "Turnkey user id",
    example: "8a5b3a9c-6f5e-4f0a-9a39-0d7e6a1f2b3c",
  }),
});

const QuerySchema = z.object({
  organizationId: TurnkeyIdSchema.optional().meta({
    param: { name: "organizationId", in: "query" },
    description: "Turnkey organization id; defaults to the server's TURNKEY_ORGANIZATION_ID.",
  }),
});

/** The route definition. */
export const turnkeyUserRoute = createRoute({
  method: "get",
  path: "/admin/turnkey/users/{userId}",
  operationId: "getTurnkeyUser",
  tags: ["Turnkey"],
  summary: "Turnkey get_user through the server's API key",
  description:
    "Fetches a Turnkey user (authenticators, API keys, tags, OAuth providers) with the server's " +
    "own stamped API key. Requires dual auth: the admin API key (X-Admin-API-Key or X-API-Key) + JWT.",
  security: ADMIN_SECURITY,
  request: { params: ParamsSchema, query: QuerySchema },
  responses: {
    200: {
      description: "The Turnkey user as get_user returns it.",
      headers: RESPONSE_HEADERS,
      content: { "application/json": { schema: TurnkeyGetUserResponseSchema } },
    },
    ...errorResponses([...ADMIN_ERROR_STATUSES, 404, 502, 504]),
  },
});

/** What the route needs. */
export interface TurnkeyRouteDeps {
  turnkey: TurnkeyDeps | null;
  log: Logger;
}

/** The route as a sub-app. */
export function turnkeyRoutes(deps: TurnkeyRouteDeps) {
  return new OpenAPIHono<AppEnv>().openapi(turnkeyUserRoute, async (c) => {
    const { userId } = c.req.valid("param");
    if (deps.turnkey === null) {
      throw new ApiException(503, "Turnkey is not configured on this server.");
    }
    const organizationId = c.req.valid("query").organizationId ?? deps.turnkey.organizationId;
    if (organizationId === null) {
      throw new ApiException(
        400,
        "organizationId is required: this server has no default Turnkey organization.",
      );
    }
    let answer: unknown;
    try {
      answer = await deps.turnkey.client.getUser({ organizationId, userId }, {
        signal: c.req.raw.signal,
      });
    } catch (error) {
      const { outcome, exception } = turnkeyFailure(error);
      audit(deps.log, c, { action: "turnkey.lookup", userId, outcome });
      throw exception;
    }
    const parsed = TurnkeyGetUserResponseSchema.safeParse(answer);
    if (!parsed.success) {
      audit(deps.log, c, { action: "turnkey.lookup", userId, outcome: "upstream_invalid" });
      throw new ApiException(502, "Turnkey answered with an unexpected response.");
    }
    audit(deps.log, c, { action: "turnkey.lookup", userId, outcome: "found" });
    return c.json(parsed.data, 200);
  });
}
