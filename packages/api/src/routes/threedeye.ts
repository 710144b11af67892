/**
 * `GET /admin/threedeye/users/{userId}`: the 3dEye provisioning diagnostics of one user. 200
 * even when nothing is found (`found: false` is an answer); 503 when the database fails; a 3dEye
 * failure is part of the report (`remote.error`), never a 5xx.
 *
 * Freshness: the customer's 3dEye listing is kept per instance for a short TTL. A request with
 * `Cache-Control: no-cache` (or `max-age=0`) gets a fresh listing (shared with the requests
 * that arrive while it runs); the report body keeps its exact shape and the answer says how old
 * its 3dEye part is in `X-Remote-Fetched-At`. On Workers, 3dEye work that goes on after the
 * answer (a refresh, a listing the report stopped waiting for) is kept alive through the
 * request's `executionCtx.waitUntil`.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
import type { AppEnv } from "../app_env.ts";
import { diagnoseThreedeyeUser } from "../diagnose.ts";
import { ApiException } from "../errors.ts";
import { audit, type Logger } from "../logging.ts";
import {
  ADMIN_ERROR_STATUSES,
  ADMIN_SECURITY,
  errorResponses,
  REMOTE_FETCHED_AT,
  REMOTE_FETCHED_AT_HEADER,
  RESPONSE_HEADERS,
} from "../openapi.ts";
import type { DiagnosticsStore } from "../domain.ts";
import type { CustomerListingCache } from "../threedeye/customer_listing.ts";

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
    "probe (user count and whether the email is visible). The customer's 3dEye listing is kept " +
    "per instance for THREEDEYE_LISTING_TTL_SECONDS; `Cache-Control: no-cache` asks for a fresh " +
    "one, and X-Remote-Fetched-At says how old the 3dEye part is. Requires dual auth: the admin API key (X-Admin-API-Key or X-API-Key) + JWT.",
  security: ADMIN_SECURITY,
  request: { params: ParamsSchema },
  // Documented, not validated: any value is acceptable, and a typed RPC client need not send it.
  parameters: [{
    name: "Cache-Control",
    in: "header",
    required: false,
    description: "`no-cache` (or `max-age=0`): a fresh 3dEye listing rather than the one kept " +
      "for THREEDEYE_LISTING_TTL_SECONDS (other directives are ignored).",
    schema: { type: "string", example: "no-cache" },
  }],
  responses: {
    200: {
      description: "The diagnostics report (also when the user is not found).",
      headers: { ...RESPONSE_HEADERS, [REMOTE_FETCHED_AT_HEADER]: REMOTE_FETCHED_AT },
      content: { "application/json": { schema: ThreedeyeDiagnosticsSchema } },
    },
    ...errorResponses(ADMIN_ERROR_STATUSES),
  },
});

/** What the route needs. */
export interface ThreedeyeRouteDeps {
  store: DiagnosticsStore;
  threedeye: CustomerListingCache | null;
  log: Logger;
}

/** The route as a sub-app. */
export function threedeyeRoutes(deps: ThreedeyeRouteDeps) {
  return new OpenAPIHono<AppEnv>().openapi(threedeyeDiagnosticsRoute, async (c) => {
    const userId = c.req.valid("param").userId.toLowerCase();
    const configured = deps.threedeye !== null;
    let diagnosis;
    try {
      diagnosis = await diagnoseThreedeyeUser(userId, {
        store: deps.store,
        threedeye: deps.threedeye,
        signal: c.req.raw.signal,
        freshListing: configured && asksForFreshData(c.req.header("cache-control")),
        waitUntil: configured ? backgroundWork(c) : undefined,
      });
    } catch (error) {
      audit(deps.log, c, { action: "threedeye.lookup", userId, outcome: "error" });
      throw new ApiException(503, DATABASE_UNAVAILABLE_MESSAGE, { cause: error });
    }
    const { report, remoteFetchedAt } = diagnosis;
    audit(deps.log, c, {
      action: "threedeye.lookup",
      userId,
      outcome: report.user.found ? "found" : "not_found",
    });
    if (remoteFetchedAt !== null) {
      c.header(REMOTE_FETCHED_AT_HEADER, remoteFetchedAt.toISOString());
    }
    return c.json(report, 200);
  });
}

/**
 * Whether a request's `Cache-Control` asks for data no older than now: `no-cache`, or
 * `max-age=0` (RFC 9111 request directives; any other directive leaves the kept listing
 * acceptable).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { asksForFreshData } from "./threedeye.ts";
 * assertEquals(asksForFreshData("no-cache"), true);
 * assertEquals(asksForFreshData("max-age=0, no-transform"), true);
 * assertEquals(asksForFreshData("max-age=60"), false);
 * assertEquals(asksForFreshData(undefined), false);
 * ```
 */
export function asksForFreshData(cacheControl: string | undefined): boolean {
  if (cacheControl === undefined) return false;
  return cacheControl.split(",").some((directive) => {
    const [name, value] = directive.trim().toLowerCase().split("=", 2).map((part) => part.trim());
    return name === "no-cache" || (name === "max-age" && /^"?0+"?$/.test(value ?? ""));
  });
}

/** The Worker's `waitUntil` for this request; undefined where the runtime has none (Deno). */
function backgroundWork(c: Context<AppEnv>): ((work: Promise<unknown>) => void) | undefined {
  let executionCtx;
  try {
    // Hono throws when the runtime passed no execution context.
    executionCtx = c.executionCtx;
  } catch {
    return undefined;
  }
  return (work) => executionCtx.waitUntil(work);
}
