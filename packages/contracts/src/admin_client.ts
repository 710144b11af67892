/**
 * The admin API as its clients call it, the widget in a browser and the CLI: the URLs, both
 * credentials, `Cache-Control: no-cache` when fresh data is wanted, and any answer (JSON, the
 * error envelope, a body that is not JSON, a network failure) turned into one result. Checking a
 * successful body is the caller's: the CLI parses it with this package's zod schemas, the widget
 * (which does not bundle zod) with light shape checks. No zod here, and nothing server-side.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { diagnosticsUrl, getAdminJson } from "@spkey/contracts/admin-client";
 * const fetch = (_input: RequestInfo | URL, init?: RequestInit) =>
 *   Promise.resolve(Response.json({ seen: new Headers(init?.headers).get("x-admin-api-key") }));
 * const result = await getAdminJson(
 *   diagnosticsUrl("https://api.test", "99999999-9999-4999-8999-999999999999"),
 *   { adminKey: "demo-admin-key", jwt: "header.payload.signature" },
 *   { fetch },
 * );
 * assertEquals(result.ok && result.body, { seen: "demo-admin-key" });
 * ```
 *
 * @module
 */
import type { ApiError } from "./api_error.ts";

/** Admin credentials: the `X-Admin-API-Key` value and the admin JWT. */
export interface AdminCredentials {
  adminKey: string;
  jwt: string;
}

/** A request that did not produce JSON, or produced an error answer. */
export interface AdminFailure {
  /** The HTTP status; 0 when no response arrived. */
  status: number;
  /** The `{ error, message, code, requestId }` envelope, when the server sent one. */
  envelope: ApiError | null;
  /** A plain-language message: the envelope's message, or what went wrong on the way. */
  message: string;
  /** Seconds from `Retry-After` (429, 503), when given. */
  retryAfterSeconds: number | null;
  /** The envelope's `requestId`, else the `X-Request-Id` header. */
  requestId: string | null;
  /**
   * What went wrong before a JSON answer: what `fetch` threw (status 0: a network failure, or a
   * `TimeoutError` from the caller's signal), or why the body is not JSON. Absent otherwise.
   */
  cause?: unknown;
}

/** The outcome of one admin API call. */
export type AdminResult =
  | { ok: true; status: number; body: unknown; requestId: string | null }
  | ({ ok: false } & AdminFailure);

/** Options of {@linkcode getAdminJson}. */
export interface AdminRequestOptions {
  /** Ends the request; an `AbortError` is thrown, any other reason is a status-0 failure. */
  signal?: AbortSignal;
  /**
   * Ask for fresh data (`Cache-Control: no-cache`): the server then skips its short-lived copy of
   * the 3dEye listing. The widget's Refresh button sets it; ordinary loads do not.
   */
  fresh?: boolean;
  fetch?: typeof fetch;
}

function joinBase(apiBase: string, path: string): string {
  return apiBase.replace(/\/+$/, "") + path;
}

/**
 * The diagnostics report URL for a user id (`""` as base means same origin).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { diagnosticsUrl } from "./admin_client.ts";
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
 * import { userSearchUrl } from "./admin_client.ts";
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
 * import { turnkeyUserUrl } from "./admin_client.ts";
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
 * Whether a value has the shape of the error envelope (its three required fields; the zod
 * `ApiErrorSchema` is the full contract, kept out of here so browsers need not bundle zod).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isApiErrorEnvelope } from "./admin_client.ts";
 * assert(isApiErrorEnvelope({ error: "Forbidden", message: "No.", code: 403 }));
 * assert(!isApiErrorEnvelope({ error: "Forbidden", message: "No.", code: "403" }));
 * ```
 */
export function isApiErrorEnvelope(value: unknown): value is ApiError {
  const v = value as Record<string, unknown> | null;
  return typeof v === "object" && v !== null && typeof v.error === "string" &&
    typeof v.message === "string" && typeof v.code === "number";
}

/**
 * Reads a `Retry-After` header (delay in seconds or an HTTP date) as seconds from `now`;
 * `null` when absent or unreadable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseRetryAfter } from "./admin_client.ts";
 * assertEquals(parseRetryAfter("30", 0), 30);
 * assertEquals(parseRetryAfter("Thu, 01 Jan 1970 00:01:30 GMT", 0), 90);
 * assertEquals(parseRetryAfter("soon", 0), null);
 * ```
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/**
 * GETs an admin URL with both credentials and classifies the answer. A redirect is a failure, never
 * followed. An abort propagates as the `AbortError` it is, so that a superseded request can be
 * ignored by the caller.
 */
export async function getAdminJson(
  url: string,
  credentials: AdminCredentials,
  options: AdminRequestOptions = {},
): Promise<AdminResult> {
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
      // Never followed: a redirect would carry the admin key (a custom header, which fetch keeps
      // across origins) to wherever the Location points.
      redirect: "manual",
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
      cause: error,
    };
  }
  const headerRequestId = response.headers.get("X-Request-Id");
  // Browsers give an opaque redirect (status 0); Deno and Node give the 3xx itself.
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel();
    return {
      ok: false,
      status: response.status,
      envelope: null,
      message: "The diagnostics API answered with a redirect, which is not followed (the " +
        "credentials go to the configured address only). Check the API address.",
      retryAfterSeconds: null,
      requestId: headerRequestId,
    };
  }
  let body: unknown = undefined;
  let notJson: unknown = undefined;
  try {
    body = JSON.parse(await response.text());
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    notJson = error;
  }
  if (response.ok && notJson === undefined) {
    return { ok: true, status: response.status, body, requestId: headerRequestId };
  }
  const envelope = isApiErrorEnvelope(body) ? body : null;
  const failure: { ok: false } & AdminFailure = {
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
  if (notJson !== undefined) failure.cause = notJson;
  return failure;
}
