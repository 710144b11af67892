/**
 * The two admin API calls the command makes, through the admin client it shares with the widget
 * (`@spkey/contracts/admin-client`: URLs, both credentials, the error envelope), with a timeout
 * and the answer validated by the contract's zod schemas: the diagnostics report of one user, and
 * the search for users by email.
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
import { diagnosticsUrl, getAdminJson, userSearchUrl } from "@spkey/contracts/admin-client";

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
  const url = diagnosticsUrl(options.baseUrl, options.userId);
  return getAnswer(options, url, ThreedeyeDiagnosticsSchema, "a diagnostics report");
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
  const url = userSearchUrl(options.baseUrl, options.email);
  return getAnswer(options, url, ThreedeyeUserSearchSchema, "a user search answer");
}

/** What `getAnswer` validates with: a zod schema, as far as it is used here. */
interface AnswerSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

async function getAnswer<T>(
  options: AdminApiOptions,
  url: string,
  schema: AnswerSchema<T>,
  what: string,
): Promise<T> {
  const result = await getAdminJson(url, options, {
    fetch: options.fetch,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!result.ok) {
    const { status, envelope, cause } = result;
    if (status === 0) {
      const reason = (cause as Error)?.name === "TimeoutError"
        ? `timed out after ${options.timeoutMs} ms`
        : (cause as Error)?.message;
      throw new AdminRequestError(`Could not reach ${options.baseUrl}: ${reason}`, 0);
    }
    if (cause !== undefined) {
      throw new AdminRequestError(
        `The service answered HTTP ${status} with a body that is not JSON`,
        status,
      );
    }
    const parsed = ApiErrorSchema.safeParse(envelope);
    if (parsed.success) {
      const e = parsed.data;
      throw new AdminRequestError(`${e.code} ${e.error}: ${e.message}`, e.code, e.requestId);
    }
    throw new AdminRequestError(`The service answered HTTP ${status}`, status);
  }
  const answer = schema.safeParse(result.body);
  if (!answer.success) {
    throw new AdminRequestError(
      `The service answered 200 with a body that is not ${what}`,
      result.status,
    );
  }
  return answer.data;
}
