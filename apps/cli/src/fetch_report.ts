/**
 * Fetches one diagnostics report from a running instance and validates it.
 *
 * @module
 */
import {
  ApiErrorSchema,
  type ThreedeyeDiagnostics,
  ThreedeyeDiagnosticsSchema,
} from "@spkey/contracts";

/** The service answered an error (or nothing usable). */
export class ReportRequestError extends Error {
  override name = "ReportRequestError";
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

/**
 * GETs `/admin/threedeye/users/{userId}` with both credentials.
 *
 * @param options Where and as whom to ask; `fetch` may be injected for tests.
 * @returns The validated report.
 * @throws {ReportRequestError} On a non-2xx answer, a network failure, a timeout or a body that is
 * not a report.
 */
export async function fetchReport(options: {
  baseUrl: string;
  userId: string;
  adminKey: string;
  jwt: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}): Promise<ThreedeyeDiagnostics> {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl}/admin/threedeye/users/${encodeURIComponent(options.userId)}`;
  let response: Response;
  try {
    response = await doFetch(url, {
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
    throw new ReportRequestError(`Could not reach ${options.baseUrl}: ${reason}`, 0);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ReportRequestError(
      `The service answered HTTP ${response.status} with a body that is not JSON`,
      response.status,
    );
  }
  if (!response.ok) {
    const envelope = ApiErrorSchema.safeParse(body);
    if (envelope.success) {
      const e = envelope.data;
      throw new ReportRequestError(`${e.code} ${e.error}: ${e.message}`, e.code, e.requestId);
    }
    throw new ReportRequestError(`The service answered HTTP ${response.status}`, response.status);
  }
  const report = ThreedeyeDiagnosticsSchema.safeParse(body);
  if (!report.success) {
    throw new ReportRequestError(
      "The service answered 200 with a body that is not a diagnostics report",
      response.status,
    );
  }
  return report.data;
}
