/**
 * The {@linkcode SqlExecutor} over Cloudflare D1's HTTP query API, for runtimes without a D1
 * binding (Deno Deploy): `POST {baseUrl}/accounts/{accountId}/d1/database/{databaseId}/query`
 * with `Authorization: Bearer <apiToken>`.
 *
 * API assumptions (Cloudflare API v4, "D1 › Database › Query"; the stand-in in
 * `@spkey/testkit` implements exactly this):
 * - The body is either a single query `{ sql, params? }` or a batch `{ batch: [{ sql, params? },
 *   …] }`. We always send the batch form, so a whole `batch()` call is ONE HTTP round trip and
 *   each statement keeps its own positional `?` parameters (no splitting of `;`-joined SQL and
 *   no redistribution of parameters).
 * - The answer is the v4 envelope `{ success, errors: [{ code, message }], messages, result }`
 *   where `result` holds one `{ results: row[], success, meta }` per statement, in order.
 * - Cloudflare documents `params` as strings; our statements bind only strings (ids). Numbers and
 *   null are sent as JSON numbers and null.
 *
 * The request goes through `fetchUpstream` (`@spkey/contracts/upstream`): its timeout, a byte cap
 * of {@linkcode D1_HTTP_MAX_RESPONSE_BYTES} on the answer, and no redirects (the bearer token must
 * not follow one to another origin). Every failure (network, timeout, redirect, too large a body,
 * non-2xx, `success: false`, malformed or mis-shaped JSON) rejects with
 * {@linkcode StoreUnavailableError} whose message names the failure but never the token, the SQL
 * or D1's own error text.
 *
 * @module
 */
import {
  fetchUpstream,
  type Tracer,
  type UpstreamAnswer,
  UpstreamError,
} from "@spkey/contracts/upstream";
import {
  type SqlExecutor,
  type SqlRow,
  type SqlStatement,
  StoreUnavailableError,
} from "../domain.ts";

/** Options for {@linkcode createD1HttpExecutor}. */
export interface D1HttpExecutorOptions {
  accountId: string;
  databaseId: string;
  /** A Cloudflare API token with D1 read access. */
  apiToken: string;
  /** The Cloudflare API base, default `https://api.cloudflare.com/client/v4`. */
  baseUrl?: string;
  /** Injected fetch (tests); defaults to the global one. */
  fetch?: typeof fetch;
  /** Per-request timeout, default 5000 ms. */
  timeoutMs?: number;
  /** Records each query call as a span `D1 query` (see `fetchUpstream`); default none. */
  tracer?: Tracer;
}

const FAILED = "Querying D1 over HTTP failed";

/**
 * The byte cap of a D1 answer (1 MiB). A lookup reads three rows of one user (a few hundred bytes
 * with D1's envelope and `meta`); a ping one row.
 */
export const D1_HTTP_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Creates an executor that sends each `batch` as one D1 HTTP query request.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createD1HttpExecutor } from "./d1_http_executor.ts";
 * const fakeFetch = (_url: string | URL | Request, init?: RequestInit) => {
 *   const { batch } = JSON.parse(String(init?.body));
 *   const result = batch.map(() => ({ success: true, results: [{ ok: 1 }], meta: {} }));
 *   return Promise.resolve(Response.json({ success: true, errors: [], messages: [], result }));
 * };
 * const executor = createD1HttpExecutor({
 *   accountId: "acc", databaseId: "db", apiToken: "token", fetch: fakeFetch,
 * });
 * const [[row]] = await executor.batch([{ sql: "SELECT 1 AS ok", params: [] }]);
 * assertEquals(row.ok, 1);
 * ```
 */
export function createD1HttpExecutor(options: D1HttpExecutorOptions): SqlExecutor {
  const base = (options.baseUrl ?? "https://api.cloudflare.com/client/v4").replace(/\/+$/, "");
  const url = `${base}/accounts/${encodeURIComponent(options.accountId)}/d1/database/${
    encodeURIComponent(options.databaseId)
  }/query`;
  const timeoutMs = options.timeoutMs ?? 5000;

  return {
    async batch(statements: ReadonlyArray<SqlStatement>): Promise<SqlRow[][]> {
      if (statements.length === 0) return [];
      const body = JSON.stringify({
        batch: statements.map(({ sql, params }) => ({ sql, params })),
      });
      let answer: UpstreamAnswer;
      try {
        answer = await fetchUpstream(url, {
          method: "POST",
          headers: {
            "authorization": `Bearer ${options.apiToken}`,
            "content-type": "application/json",
          },
          body,
        }, {
          fetch: options.fetch,
          timeoutMs,
          maxBytes: D1_HTTP_MAX_RESPONSE_BYTES,
          trace: options.tracer && { tracer: options.tracer, name: "D1 query" },
        });
      } catch (cause) {
        throw new StoreUnavailableError(`${FAILED}: ${transportFailure(cause, timeoutMs)}`, {
          cause,
        });
      }
      return readResults(answer.status, answer.text, statements.length);
    },
  };
}

function transportFailure(error: unknown, timeoutMs: number): string {
  const kind = error instanceof UpstreamError ? error.kind : "unreachable";
  switch (kind) {
    case "timeout":
    case "deadline":
      return `timed out after ${timeoutMs} ms`;
    case "redirect":
      return `the API answered a redirect (HTTP ${
        (error as UpstreamError).status
      }), which is not followed`;
    case "too_large":
      return `the API answered more than ${D1_HTTP_MAX_RESPONSE_BYTES} bytes`;
    default:
      return "the API could not be reached";
  }
}

function readResults(status: number, text: string, expected: number): SqlRow[][] {
  if (status === 401 || status === 403) {
    throw new StoreUnavailableError(`${FAILED}: the API token was rejected (HTTP ${status})`);
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new StoreUnavailableError(
      status >= 200 && status < 300
        ? `${FAILED}: the API answered malformed JSON`
        : `${FAILED}: HTTP ${status}`,
    );
  }
  if (status < 200 || status >= 300 || !isRecord(envelope) || envelope.success !== true) {
    const codes = errorCodes(envelope);
    throw new StoreUnavailableError(
      `${FAILED}: HTTP ${status}${codes === "" ? "" : ` (Cloudflare error ${codes})`}`,
    );
  }
  const result = envelope.result;
  if (!Array.isArray(result) || result.length !== expected) {
    throw new StoreUnavailableError(`${FAILED}: the API answered an unexpected shape`);
  }
  return result.map((entry) => {
    if (!isRecord(entry) || entry.success === false) {
      throw new StoreUnavailableError(`${FAILED}: a statement did not succeed`);
    }
    const rows = entry.results ?? [];
    if (!Array.isArray(rows) || !rows.every(isRecord)) {
      throw new StoreUnavailableError(`${FAILED}: the API answered an unexpected shape`);
    }
    return rows as SqlRow[];
  });
}

// Cloudflare's numeric error codes are safe to show and useful to look up; their messages may
// quote SQL, so they stay out.
function errorCodes(envelope: unknown): string {
  if (!isRecord(envelope) || !Array.isArray(envelope.errors)) return "";
  return envelope.errors
    .map((e) => (isRecord(e) && typeof e.code === "number" ? String(e.code) : null))
    .filter((code): code is string => code !== null)
    .slice(0, 3)
    .join(", ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
