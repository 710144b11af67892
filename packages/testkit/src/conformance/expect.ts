/**
 * The API's fixed answers as the conformance suite expects them (messages are part of the
 * contract), and assertions over {@linkcode Answer}s.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { ApiErrorResponseSchema, ValidationErrorResponseSchema } from "@spkey/contracts";
import type { Answer } from "./target.ts";

/** Exact messages of the error envelopes. */
export const MESSAGES = {
  unauthenticated:
    "Authentication required. Please provide a valid admin API key and bearer token.",
  forbidden: "The token does not belong to an admin.",
  notFound: "No route matches this path.",
  methodNotAllowed: "This method is not allowed on this path.",
  invalidUserId: "Invalid path parameter userId: must be a UUID",
  emailRequired: "Invalid query parameter email: is required (the email address to search for)",
  invalidEmail: "Invalid query parameter email: must be an email address (local@domain)",
  emailTooLong: "Invalid query parameter email: must be at most 254 characters",
  emailRepeated: "Invalid query parameter email: must be given once",
  turnkeyNotConfigured: "Turnkey is not configured on this server.",
  turnkeyNoSuchUser: "Turnkey has no such user in the organization.",
  widgetAbsent: "The widget is not available on this server.",
} as const;

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  503: "Service Unavailable",
};

/**
 * Asserts the exact error envelope: `{ error, message, code, requestId }` (+ `details` on 400),
 * valid under the strict schema the OpenAPI document declares for it, the request id matching
 * `X-Request-Id`, JSON content type, and the status-specific headers.
 */
export function assertEnvelope(answer: Answer, status: number, message: string): void {
  assertEquals(answer.status, status, `status (body: ${answer.text.slice(0, 200)})`);
  assertMatch(answer.headers.get("content-type") ?? "", /^application\/json/);
  const body = answer.json as Record<string, unknown>;
  const declared = status === 400 ? ValidationErrorResponseSchema : ApiErrorResponseSchema;
  const parsed = declared.safeParse(body);
  assert(parsed.success, `the envelope matches its declared schema: ${parsed.error?.message}`);
  const requestId = answer.headers.get("x-request-id");
  assertMatch(requestId ?? "", /^[A-Za-z0-9._-]{1,64}$/);
  const { details, ...rest } = body;
  assertEquals(rest, { error: REASONS[status], message, code: status, requestId });
  if (status === 400) {
    const issues = (details as { issues?: unknown[] } | undefined)?.issues;
    assert(Array.isArray(issues) && issues.length > 0, "a 400 lists its issues");
  } else {
    assertEquals(details, undefined);
  }
  if (status === 401) assertMatch(answer.headers.get("www-authenticate") ?? "", /^Bearer\b/);
  if (status === 405) assertEquals(answer.headers.get("allow"), "GET, HEAD");
}

/** Asserts a 200 JSON answer and returns its body. */
export function assertJson(answer: Answer, status = 200): unknown {
  assertEquals(answer.status, status, `status (body: ${answer.text.slice(0, 200)})`);
  assertMatch(answer.headers.get("content-type") ?? "", /^application\/json/);
  return answer.json;
}
