/**
 * The two admin API calls the command makes, with both credentials, a timeout and validation of
 * the answer: the diagnostics report of one user, and the search for users by email.
 *
 * @module
 */
import {
  ApiErrorSchema,
  type ThreedeyeDiagnostics,
  ThreedeyeDiagnosticsSchema,
  type ThreedeyeUserSearch,
  ThreedeyeUserSearchSchema,
} from "@spkey/contracts";

/** The service answered an error (or nothing usable). */
export class AdminRequestError extends Error {
  override name = "AdminRequestError";
  constructor(
    message: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    /** The envelope's requestId, to quote to whoever runs the service. */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Where and as whom to ask; `fetch` may be injected for tests. */
export interface AdminApiOptions {
  baseUrl: string;
  adminKey: string;
  jwt: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * GETs `/admin/threedeye/users/{userId}`.
 *
 * @returns The validated report.
 * @throws {AdminRequestError} On a non-2xx answer, a network failure, a timeout or a body that is
 * not a report.
 */
export function fetchReport(
  options: AdminApiOptions & { userId: string },
): Promise<ThreedeyeDiagnostics> {
  const path = `/admin/threedeye/users/${encodeURIComponent(options.userId)}`;
  return getAnswer(options, path, ThreedeyeDiagnosticsSchema, "a diagnostics report");
}

/**
 * GETs `/admin/threedeye/users?email=`.
 *
 * @returns The validated search answer (its candidates may be empty).
 * @throws {AdminRequestError} On a non-2xx answer (a malformed email is a 400), a network
 * failure, a timeout or a body that is not a search answer.
 */
export function searchUsersByEmail(
  options: AdminApiOptions & { email: string },
): Promise<ThreedeyeUserSearch> {
  const path = `/admin/threedeye/users?email=${encodeURIComponent(options.email)}`;
  return getAnswer(options, path, ThreedeyeUserSearchSchema, "a user search answer");
}

/** What `getAnswer` validates with: a zod schema, as far as it is used here. */
interface AnswerSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

async function getAnswer<T>(
  options: AdminApiOptions,
  path: string,
  schema: AnswerSchema<T>,
  what: string,
): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${options.baseUrl}${path}`, {
      headers: {
        "accept": "application/json",
        "x-admin-api-key": options.adminKey,
        "authorization": `Bearer ${options.jwt}`,
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError"
      ? `timed out after ${options.timeoutMs} ms`
      : (error as Error).message;
    throw new AdminRequestError(`Could not reach ${options.baseUrl}: ${reason}`, 0);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AdminRequestError(
      `The service answered HTTP ${response.status} with a body that is not JSON`,
      response.status,
    );
  }
  if (!response.ok) {
    const envelope = ApiErrorSchema.safeParse(body);
    if (envelope.success) {
      const e = envelope.data;
      throw new AdminRequestError(`${e.code} ${e.error}: ${e.message}`, e.code, e.requestId);
    }
    throw new AdminRequestError(`The service answered HTTP ${response.status}`, response.status);
  }
  const answer = schema.safeParse(body);
  if (!answer.success) {
    throw new AdminRequestError(
      `The service answered 200 with a body that is not ${what}`,
      response.status,
    );
  }
  return answer.data;
}
