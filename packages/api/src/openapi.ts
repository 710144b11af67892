/**
 * OpenAPI pieces shared by the route modules: the security schemes and requirements, the
 * documented response headers, the error responses (the strict envelopes of `@spkey/contracts`)
 * and the document's top-level fields. `redocly.yaml` beside this package's `package.json` is the
 * lint the document is held to (`src/openapi_test.ts`).
 *
 * Two calls made here, for the generated clients' sake:
 *
 * - `servers` is the relative URL `/`: the API is served wherever the document is (the demo on
 *   loopback, a Worker, Deno Deploy), and OpenAPI resolves a relative server URL against the
 *   document's own location, so clients built from a fetched document call that origin. The
 *   document stays the same for every request (it is generated once and cached), unlike one
 *   echoing the request's `Host`, which a proxy can rewrite.
 * - 405 is declared on no operation. The app answers it for a documented path called with
 *   another method (with `Allow`), but a response in OpenAPI belongs to one method's operation,
 *   and no operation can get a 405 for its own method: declaring it would hand every generated
 *   client an error case it can never meet. The info description says it instead.
 *
 * @module
 */
import { ApiErrorResponseSchema, ValidationErrorResponseSchema } from "@spkey/contracts";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { reasonPhrase } from "./errors.ts";

type OpenApiTopLevel = Parameters<OpenAPIHono["getOpenAPI31Document"]>[0];

/** Security scheme names in the document. */
export const ADMIN_API_KEY_SCHEME = "AdminApiKey";
/** The `X-API-Key` alias of the admin key header, as its own scheme. */
export const ADMIN_API_KEY_ALIAS_SCHEME = "AdminApiKeyAlias";
export const ADMIN_JWT_SCHEME = "AdminJwt";

/**
 * The admin requirement: (`X-Admin-API-Key` AND the JWT) OR (`X-API-Key` AND the JWT). Schemes
 * within one object are all required; the objects of the array are alternatives.
 */
export const ADMIN_SECURITY: SecurityRequirement[] = [
  { [ADMIN_API_KEY_SCHEME]: [], [ADMIN_JWT_SCHEME]: [] },
  { [ADMIN_API_KEY_ALIAS_SCHEME]: [], [ADMIN_JWT_SCHEME]: [] },
];

/** No credentials needed (the health probes): an explicit empty requirement list. */
export const PUBLIC_SECURITY: SecurityRequirement[] = [];

/** An OpenAPI security requirement object: scheme name → scopes. */
export type SecurityRequirement = Record<string, string[]>;

const REQUEST_ID_HEADER = { $ref: "#/components/headers/RequestId" };
const RETRY_AFTER_HEADER = { $ref: "#/components/headers/RetryAfter" };
const WWW_AUTHENTICATE_HEADER = { $ref: "#/components/headers/WwwAuthenticate" };

/** The response header saying when the report's 3dEye listing was fetched. */
export const REMOTE_FETCHED_AT_HEADER = "X-Remote-Fetched-At";
/** Its reference, for the report's 200. */
export const REMOTE_FETCHED_AT = { $ref: "#/components/headers/RemoteFetchedAt" };

/** The headers every response carries. */
export const RESPONSE_HEADERS = { "X-Request-Id": REQUEST_ID_HEADER };

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid (e.g. the user id is not a UUID); `details` lists the issues.",
  401: "The admin API key or the bearer JWT is missing or invalid (the response never says which).",
  403: "The credentials are valid but the JWT does not belong to an admin.",
  404: "Not found.",
  429: "Too many failed authentication attempts from this client; see Retry-After.",
  500: "Unexpected server error; quote the requestId when reporting it.",
  502: "The upstream service rejected our credentials or answered garbage.",
  503: "A dependency (database, token keys or an integration) is unavailable or not configured.",
  504: "The upstream service timed out.",
};

/** The statuses every admin route can answer besides its own. */
export const ADMIN_ERROR_STATUSES = [400, 401, 403, 429, 500, 503] as const;

type ErrorSchema<S extends number> = S extends 400 ? typeof ValidationErrorResponseSchema
  : typeof ApiErrorResponseSchema;

/** One documented error response. */
export interface ErrorResponse<S extends number> {
  description: string;
  headers: Record<string, { $ref: string }>;
  content: { "application/json": { schema: ErrorSchema<S> } };
}

/**
 * OpenAPI `responses` entries for `statuses`, each with its envelope (the 400 with typed
 * `details`) and its headers: `X-Request-Id` on all, `Retry-After` on 429, `WWW-Authenticate`
 * on 401.
 */
export function errorResponses<const S extends readonly number[]>(
  statuses: S,
): { [K in S[number]]: ErrorResponse<K> } {
  return Object.fromEntries(
    statuses.map((status) => [status, {
      description: ERROR_DESCRIPTIONS[status] ?? reasonPhrase(status),
      headers: {
        ...RESPONSE_HEADERS,
        ...(status === 401 ? { "WWW-Authenticate": WWW_AUTHENTICATE_HEADER } : {}),
        ...(status === 429 ? { "Retry-After": RETRY_AFTER_HEADER } : {}),
      },
      content: {
        "application/json": {
          schema: status === 400 ? ValidationErrorResponseSchema : ApiErrorResponseSchema,
        },
      },
    }]),
  ) as unknown as { [K in S[number]]: ErrorResponse<K> };
}

/** Registers the security schemes and the shared response headers on `app`'s registry. */
export function registerOpenApiComponents(app: Pick<OpenAPIHono, "openAPIRegistry">): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", ADMIN_API_KEY_SCHEME, {
    type: "apiKey",
    in: "header",
    name: "X-Admin-API-Key",
    description: "Admin API key. Required together with the JWT.",
  });
  registry.registerComponent("securitySchemes", ADMIN_API_KEY_ALIAS_SCHEME, {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "The same admin API key under the header name the reference's samples use; an " +
      "alternative to X-Admin-API-Key (which wins when both are sent). Required together with " +
      "the JWT.",
  });
  registry.registerComponent("securitySchemes", ADMIN_JWT_SCHEME, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "Admin JWT whose `email` is at an admin domain. Required together with the API key.",
  });
  registry.registerComponent("headers", "RequestId", {
    description:
      "The request's id: the caller's own X-Request-Id when it is 1-64 of [A-Za-z0-9._-], " +
      "else a fresh `req_…`. Error envelopes carry the same value as `requestId`.",
    required: true,
    schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,64}$", example: "req_1234567890" },
  });
  registry.registerComponent("headers", "RetryAfter", {
    description: "Seconds until this client may try to authenticate again.",
    required: true,
    schema: { type: "integer", minimum: 1, example: 60 },
  });
  registry.registerComponent("headers", "RemoteFetchedAt", {
    description:
      "When the 3dEye listing behind the report's `remote` section was started (ISO 8601, UTC): " +
      "its remote data is at most this old. The listing is kept per instance for " +
      "THREEDEYE_LISTING_TTL_SECONDS (then served stale while one refresh runs); send " +
      "`Cache-Control: no-cache` for a fresh one. Absent when 3dEye is not configured or the " +
      "probe failed (`remote.error`).",
    required: false,
    schema: { type: "string", format: "date-time", example: "2026-11-25T14:51:07.123Z" },
  });
  registry.registerComponent("headers", "WwwAuthenticate", {
    description: "The bearer challenge.",
    required: true,
    schema: { type: "string", example: 'Bearer realm="admin"' },
  });
}

/** The document's top-level fields. */
export const OPENAPI_INFO: OpenApiTopLevel = {
  openapi: "3.1.0",
  info: {
    title: "SmartphoneKey admin diagnostics API",
    version: "0.1.0",
    description:
      "Read-only admin diagnostics: a user's 3dEye provisioning state across the company " +
      "database and a live 3dEye probe, and Turnkey get_user through the server's API key. " +
      "Every non-2xx response carries the ApiError envelope (a 400 the ValidationError one) and " +
      "every response X-Request-Id. A documented path called with a method it does not serve " +
      "answers 405 Method Not Allowed with the ApiError envelope and an `Allow` header listing " +
      "its methods (not declared per operation: no operation gets it for its own method).",
    license: { name: "MIT", url: "https://spdx.org/licenses/MIT.html" },
  },
  servers: [{
    url: "/",
    description: "The origin serving this document (relative: the demo, a Worker or Deno Deploy).",
  }],
};
