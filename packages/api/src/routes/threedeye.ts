/**
 * `GET /admin/threedeye/users/{userId}`: the 3dEye provisioning diagnostics of one user. 200
 * even when nothing is found (`found: false` is an answer); 503 when the database fails; a 3dEye
 * failure is part of the report (`remote.error`), never a 5xx.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
import type { AppEnv } from "../app_env.ts";
import { diagnoseThreedeyeUser } from "../diagnose.ts";
import { ApiException } from "../errors.ts";
import { audit, type Logger } from "../logging.ts";
import {
  ADMIN_ERROR_STATUSES,
  ADMIN_SECURITY,
  errorResponses,
  RESPONSE_HEADERS,
} from "../openapi.ts";
import type { DiagnosticsStore, ThreedeyeDirectory } from "../ports.ts";

/** Message of the 503 when the database read fails. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable. Try again later.";

const ParamsSchema = z.object({
  userId: z.uuid({ error: "must be a UUID" }).meta({
    param: { name: "userId", in: "path" },
    description: "b2c user UUID (case-insensitive)",
    example: "11111111-1111-4111-8111-111111111111",
  }),
});

/** The route definition. */
export const threedeyeDiagnosticsRoute = createRoute({
  method: "get",
  path: "/admin/threedeye/users/{userId}",
  operationId: "getThreedeyeDiagnostics",
  tags: ["3dEye"],
  summary: "3dEye provisioning diagnostics for a user",
  description:
    "Read-only snapshot of a user's 3dEye provisioning state across the database and 3dEye: the " +
    "b2c user row, the threedeye_users mapping, any recovery row, and a live customer-scoped " +
    "probe (user count and whether the email is visible). Requires dual auth: the admin API key (X-Admin-API-Key or X-API-Key) + JWT.",
  security: ADMIN_SECURITY,
  request: { params: ParamsSchema },
  responses: {
    200: {
      description: "The diagnostics report (also when the user is not found).",
      headers: RESPONSE_HEADERS,
      content: { "application/json": { schema: ThreedeyeDiagnosticsSchema } },
    },
    ...errorResponses(ADMIN_ERROR_STATUSES),
  },
});

/** What the route needs. */
export interface ThreedeyeRouteDeps {
  store: DiagnosticsStore;
  threedeye: ThreedeyeDirectory | null;
  log: Logger;
}

/** The route as a sub-app. */
export function threedeyeRoutes(deps: ThreedeyeRouteDeps) {
  return new OpenAPIHono<AppEnv>().openapi(threedeyeDiagnosticsRoute, async (c) => {
    const userId = c.req.valid("param").userId.toLowerCase();
    let report;
    try {
      report = await diagnoseThreedeyeUser(userId, {
        store: deps.store,
        threedeye: deps.threedeye,
        // Only the 3dEye probe listens; reading `signal` makes the runtime build one.
        signal: deps.threedeye === null ? undefined : c.req.raw.signal,
      });
    } catch (error) {
      audit(deps.log, c, { action: "threedeye.lookup", userId, outcome: "error" });
      throw new ApiException(503, DATABASE_UNAVAILABLE_MESSAGE, { cause: error });
    }
    audit(deps.log, c, {
      action: "threedeye.lookup",
      userId,
      outcome: report.user.found ? "found" : "not_found",
    });
    return c.json(report, 200);
  });
}
