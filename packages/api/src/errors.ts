/**
 * The one exception type of the API and the error envelope it renders:
 * `{ error, message, code, requestId, details? }` on every non-2xx response, always with a
 * `requestId` (the strict `ApiErrorResponseSchema` / `ValidationErrorResponseSchema` of
 * `@spkey/contracts`, which the OpenAPI document declares).
 *
 * @module
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type {
  ApiErrorResponse,
  ValidationErrorDetails,
  ValidationErrorResponse,
} from "@spkey/contracts";
import { resolveRequestId } from "./request_id.ts";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The HTTP reason phrase for `status` ("Unauthorized" for 401). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? "Internal Server Error" : "Bad Request");
}

/** Options of an {@linkcode ApiException}. */
export interface ApiExceptionOptions {
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`, `Allow`). */
  headers?: Record<string, string>;
  /**
   * The issues of a failed validation (400 only: the one `details` the API documents). Never
   * received values: they could be credentials pasted into the wrong place.
   */
  details?: ValidationErrorDetails;
  /** The underlying failure; logged, never rendered. */
  cause?: unknown;
}

/**
 * An HTTP failure that renders itself as the error envelope. Throw it anywhere in a handler or
 * middleware; the app's `onError` adds the request id.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ApiException } from "@spkey/api";
 * const res = new ApiException(404, "No such route.").getResponse("req_1");
 * assertEquals(res.status, 404);
 * assertEquals((await res.json()).requestId, "req_1");
 * ```
 */
export class ApiException extends HTTPException {
  override name = "ApiException";
  readonly headers: Record<string, string>;
  readonly details: ValidationErrorDetails | undefined;

  constructor(status: ContentfulStatusCode, message: string, options: ApiExceptionOptions = {}) {
    super(status, { message, cause: options.cause });
    this.headers = options.headers ?? {};
    this.details = options.details;
  }

  /** The envelope body. */
  toEnvelope(requestId: string): ApiErrorResponse | ValidationErrorResponse {
    const envelope: ApiErrorResponse = {
      error: reasonPhrase(this.status),
      message: this.message,
      code: this.status,
      requestId,
    };
    // Only the 400 documents `details` (ValidationError); on any other status they would break
    // the declared contract, so they are dropped there.
    return this.status === 400 && this.details !== undefined
      ? { ...envelope, code: 400, details: this.details }
      : envelope;
  }

  /**
   * The JSON response, with this exception's headers. Without a `requestId` (a caller outside
   * the app's middleware) a fresh one is made: the envelope always carries one.
   */
  override getResponse(requestId: string = resolveRequestId(null)): Response {
    const headers = new Headers(this.headers);
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify(this.toEnvelope(requestId)), {
      status: this.status,
      headers,
    });
  }
}

/** The generic 500 message: never the underlying error's text or stack. */
export const INTERNAL_ERROR_MESSAGE = "An unexpected error occurred on the server";

/** Converts anything thrown into an {@linkcode ApiException} (unknown errors become a 500). */
export function toApiException(error: unknown): ApiException {
  if (error instanceof ApiException) return error;
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own exceptions (e.g. 415 from a body validator) carry safe, fixed messages.
    return new ApiException(error.status, error.message || reasonPhrase(error.status), {
      cause: error,
    });
  }
  return new ApiException(500, INTERNAL_ERROR_MESSAGE, { cause: error });
}
