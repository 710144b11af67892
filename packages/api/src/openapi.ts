/**
 * OpenAPI pieces shared by the route modules: the two security schemes (both required on admin
 * routes), the documented error responses (every one with the {@linkcode ApiErrorSchema}
 * envelope) and the document's info block.
 *
 * @module
 */
import { ApiErrorSchema } from "@spkey/contracts";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { reasonPhrase } from "./errors.ts";

/** Security scheme names in the document. */
export const ADMIN_API_KEY_SCHEME = "AdminApiKey";
export const ADMIN_JWT_SCHEME = "AdminJwt";

/** Both schemes in ONE requirement object: the key AND the JWT. */
export const ADMIN_SECURITY = [{ [ADMIN_API_KEY_SCHEME]: [], [ADMIN_JWT_SCHEME]: [] }];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid (e.g. the user id is not a UUID); `details` lists the issues.",
  401: "The admin API key or the bearer JWT is missing or invalid (the response never says which).",
  403: "The credentials are valid but the JWT does not belong to an admin.",
  404: "Not found.",
  405: "The path exists but not with this method; see the Allow header.",
  429: "Too many failed authentication attempts from this client; see Retry-After.",
  500: "Unexpected server error; quote the requestId when reporting it.",
  502: "The upstream service rejected our credentials or answered garbage.",
  503: "A dependency (database, token keys or an integration) is unavailable or not configured.",
  504: "The upstream service timed out.",
};

/** The statuses every admin route can answer besides its own. */
export const ADMIN_ERROR_STATUSES = [400, 401, 403, 405, 429, 500, 503] as const;

/** OpenAPI `responses` entries for `statuses`, each with the error envelope. */
export function errorResponses<const S extends readonly number[]>(
  statuses: S,
): { [K in S[number]]: ErrorResponse } {
  return Object.fromEntries(
    statuses.map((status) => [status, {
      description: ERROR_DESCRIPTIONS[status] ?? reasonPhrase(status),
      content: { "application/json": { schema: ApiErrorSchema } },
    }]),
  ) as { [K in S[number]]: ErrorResponse };
}

/** One documented error response. */
export interface ErrorResponse {
  description: string;
  content: { "application/json": { schema: typeof ApiErrorSchema } };
}

/** Registers the security schemes on `app`'s registry. */
export function registerSecuritySchemes(app: Pick<OpenAPIHono, "openAPIRegistry">): void {
  app.openAPIRegistry.registerComponent("securitySchemes", ADMIN_API_KEY_SCHEME, {
    type: "apiKey",
    in: "header",
    name: "X-Admin-API-Key",
    description:
      "Admin API key (the alias header X-API-Key is accepted too). Required together with the JWT.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", ADMIN_JWT_SCHEME, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "Admin JWT whose `email` is at an admin domain. Required together with the API key.",
  });
}

/** The document's top-level fields. */
export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "SmartphoneKey admin diagnostics API",
    version: "0.1.0",
    description:
      "Read-only admin diagnostics: a user's 3dEye provisioning state across the company " +
      "database and a live 3dEye probe, and Turnkey get_user through the server's API key. " +
      "Every non-2xx response carries the ApiError envelope and every response X-Request-Id.",
  },
} as const;
