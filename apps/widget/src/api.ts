/**
 * Calls to the admin API: URL building, dual-auth headers, freshness, and turning any answer
 * (JSON, error envelope, non-JSON, network failure) into one result shape the view can render.
 *
 * @module
 */
import type { ApiError } from "@spkey/contracts";
import { parseRetryAfter } from "./time.ts";

/** Admin credentials: the `X-Admin-API-Key` value and the admin JWT. Held in memory only. */
export interface Credentials {
  adminKey: string;
  jwt: string;
}

/** A request that did not produce the expected JSON. `status` is 0 when the network failed. */
export interface ApiFailure {
  status: number;
  /** The `{ error, message, code, requestId }` envelope, when the server sent one. */
  envelope: ApiError | null;
  /** A plain-language message: the envelope's message, or what went wrong on the way. */
  message: string;
  /** Seconds from `Retry-After` (429, 503), when given. */
  retryAfterSeconds: number | null;
  /** The envelope's `requestId`, else the `X-Request-Id` header. */
  requestId: string | null;
}

/** The outcome of one admin API call. */
export type ApiResult =
  | { ok: true; status: number; body: unknown; requestId: string | null }
  | ({ ok: false } & ApiFailure);

function joinBase(apiBase: string, path: string): string {
  return apiBase.replace(/\/+$/, "") + path;
}

/**
 * The diagnostics report URL for a user id (`""` as base means same origin).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { diagnosticsUrl } from "./api.ts";
 * assertEquals(diagnosticsUrl("https://api.test/", "a b"), "https://api.test/admin/threedeye/users/a%20b");
 * ```
 */
export function diagnosticsUrl(apiBase: string, userId: string): string {
  return joinBase(apiBase, `/admin/threedeye/users/${encodeURIComponent(userId)}`);
}

/**
 * The URL of the search for users by email.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { userSearchUrl } from "./api.ts";
 * assertEquals(userSearchUrl("", "a+b@x.test"), "/admin/threedeye/users?email=a%2Bb%40x.test");
 * ```
 */
export function userSearchUrl(apiBase: string, email: string): string {
  return joinBase(apiBase, `/admin/threedeye/users?email=${encodeURIComponent(email)}`);
}

/**
 * The Turnkey get_user URL; `organizationId` is omitted when not given (the server's default).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { turnkeyUserUrl } from "./api.ts";
 * assertEquals(turnkeyUserUrl("", "u-1", "org 1"), "/admin/turnkey/users/u-1?organizationId=org%201");
 * ```
 */
export function turnkeyUserUrl(
  apiBase: string,
  turnkeyUserId: string,
  organizationId?: string | null,
): string {
  const query = organizationId ? `?organizationId=${encodeURIComponent(organizationId)}` : "";
  return joinBase(apiBase, `/admin/turnkey/users/${encodeURIComponent(turnkeyUserId)}${query}`);
}

/**
 * Whether a value has the shape of the error envelope.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isApiErrorEnvelope } from "./api.ts";
 * assert(isApiErrorEnvelope({ error: "Forbidden", message: "No.", code: 403 }));
 * ```
 */
export function isApiErrorEnvelope(value: unknown): value is ApiError {
  const v = value as Record<string, unknown> | null;
  return typeof v === "object" && v !== null && typeof v.error === "string" &&
    typeof v.message === "string" && typeof v.code === "number";
}

/** Options of {@link getAdminJson}. */
export interface AdminRequestOptions {
  signal?: AbortSignal;
  /**
   * Ask for fresh data (`Cache-Control: no-cache`): the server then skips its short-lived copy of
   * the 3dEye listing. The Refresh button sets it; ordinary loads do not.
   */
  fresh?: boolean;
  fetch?: typeof fetch;
}

/**
 * GETs an admin URL with both credentials and classifies the answer. Aborts propagate as the
 * `AbortError` they are, so a superseded request can be ignored by the caller.
 */
export async function getAdminJson(
  url: string,
  credentials: Credentials,
  options: AdminRequestOptions = {},
): Promise<ApiResult> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    "Accept": "application/json",
    "X-Admin-API-Key": credentials.adminKey,
    "Authorization": `Bearer ${credentials.jwt}`,
  };
  if (options.fresh) headers["Cache-Control"] = "no-cache";
  let response: Response;
  try {
    response = await doFetch(url, {
      headers,
      // Not "no-store" for ordinary loads: browsers then add `Cache-Control: no-cache` by
      // themselves (the Fetch standard; Chromium does), and every load would bypass the server's
      // listing cache. Admin answers are `Cache-Control: no-store`, so the browser keeps none.
      cache: options.fresh ? "no-store" : "default",
      credentials: "omit",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    return {
      ok: false,
      status: 0,
      envelope: null,
      message: `Could not reach the diagnostics API (${(error as Error)?.message ?? error}).`,
      retryAfterSeconds: null,
      requestId: null,
    };
  }
  const headerRequestId = response.headers.get("X-Request-Id");
  let body: unknown = undefined;
  let parsed = false;
  try {
    body = JSON.parse(await response.text());
    parsed = true;
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
  }
  if (response.ok && parsed) {
    return { ok: true, status: response.status, body, requestId: headerRequestId };
  }
  const envelope = isApiErrorEnvelope(body) ? body : null;
  return {
    ok: false,
    status: response.status,
    envelope,
    message: envelope?.message ??
      (response.ok
        ? "The API answered with something that is not JSON."
        : `The API answered ${response.status} ${response.statusText}`.trim() + "."),
    retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")),
    requestId: envelope?.requestId ?? headerRequestId,
  };
}
