/**
 * `GET /healthz` (the process answers) and `GET /readyz` (the database answers too). Neither
 * needs credentials (`security: []` in the document) nor says anything about configuration.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app_env.ts";
import { ApiException } from "../errors.ts";
import { errorResponses, PUBLIC_SECURITY, RESPONSE_HEADERS } from "../openapi.ts";
import type { DiagnosticsStore } from "../domain.ts";

const StatusSchema = z.object({ status: z.literal("ok") }).meta({ id: "HealthStatus" });

const READINESS_TIMEOUT_MS = 3000;

/** `GET /healthz`. */
export const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  tags: ["Health"],
  summary: "Liveness: the service answers",
  security: PUBLIC_SECURITY,
  responses: {
    200: {
      description: "Alive.",
      headers: RESPONSE_HEADERS,
      content: { "application/json": { schema: StatusSchema } },
    },
    ...errorResponses([500]),
  },
});

/** `GET /readyz`. */
export const readinessRoute = createRoute({
  method: "get",
  path: "/readyz",
  operationId: "getReadiness",
  tags: ["Health"],
  summary: "Readiness: the database answers",
  security: PUBLIC_SECURITY,
  responses: {
    200: {
      description: "Ready.",
      headers: RESPONSE_HEADERS,
      content: { "application/json": { schema: StatusSchema } },
    },
    ...errorResponses([500, 503]),
  },
});

/** Both probes as a sub-app. */
export function healthRoutes(deps: { store: DiagnosticsStore }) {
  return new OpenAPIHono<AppEnv>()
    .openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200))
    .openapi(readinessRoute, async (c) => {
      try {
        await withTimeout(deps.store.ping(), READINESS_TIMEOUT_MS);
      } catch (error) {
        throw new ApiException(503, "The database is not reachable.", { cause: error });
      }
      return c.json({ status: "ok" as const }, 200);
    });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
