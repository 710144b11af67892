/**
 * A minimal Turnkey API client: `get_user`, signed with an `X-Stamp`, within ONE deadline
 * (`timeoutMs`) that covers every attempt, backoff and `Retry-After` wait, with bounded retries.
 * Every attempt goes through `fetchUpstream` (`../upstream/`): a redirect is never followed (it
 * would re-post the body and the stamp elsewhere, and a `get_user` stamp carries no timestamp, so
 * it could be replayed) and the body is capped at {@linkcode TURNKEY_MAX_RESPONSE_BYTES}.
 * Runtime-neutral: it only needs `fetch`, streams, `AbortController` and timers.
 *
 * @module
 */
import type { z } from "zod";
import {
  type TurnkeyGetUserRequest,
  TurnkeyGetUserRequestSchema,
  type TurnkeyGetUserResponse,
  TurnkeyGetUserResponseSchema,
} from "../turnkey_get_user.ts";
import { TurnkeyErrorBodySchema, turnkeyErrorCodeOf } from "../turnkey_error_body.ts";
import {
  fetchUpstream,
  retryAfterMs,
  type Tracer,
  type UpstreamAnswer,
  UpstreamError,
  waitWithinDeadline,
} from "../upstream/mod.ts";
import { TurnkeyApiError, TurnkeyResponseError, TurnkeyTimeoutError } from "./errors.ts";
import { backoffDelayMs, isRetryableStatus } from "./_retry.ts";

/** Anything that stamps a body the way Turnkey expects (ours, or `@turnkey/api-key-stamper`). */
export interface TurnkeyStamper {
  /** Returns the header to send with exactly `payload` as the body. */
  stamp(payload: string): Promise<{ stampHeaderName: string; stampHeaderValue: string }>;
}

/** Options of {@linkcode createTurnkeyClient}. */
export interface TurnkeyClientOptions {
  /** API origin; default `https://api.turnkey.com`. */
  baseUrl?: string;
  /** Signs each request body. */
  stamper: TurnkeyStamper;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /**
   * The whole call's deadline in ms: every attempt (request and body), backoff and
   * `Retry-After` wait included; default 10000. A retry that would not end in time is not made.
   */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429 and 5xx only; default 2 (0 to 10). */
  maxRetries?: number;
  /** First backoff delay in ms, doubled per retry, with jitter; default 250. */
  retryBaseDelayMs?: number;
  /**
   * Longest `Retry-After` honoured, in ms; a longer one (or one past the deadline) ends the call
   * at once. Default 5000.
   */
  maxRetryAfterMs?: number;
  /** Records each attempt as a span `Turnkey get_user` (see `fetchUpstream`); default none. */
  tracer?: Tracer;
}

/** Per-call options. */
export interface TurnkeyCallOptions {
  /** Aborts the call (any attempt or backoff); the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The Turnkey queries this product uses. */
export interface TurnkeyClient {
  /**
   * Fetches one user. Rejects with `TypeError` for an invalid request (nothing is sent),
   * {@linkcode TurnkeyApiError} when Turnkey answers an error, {@linkcode TurnkeyTimeoutError},
   * or {@linkcode TurnkeyResponseError} for network failures and unusable bodies.
   */
  getUser(
    request: TurnkeyGetUserRequest,
    options?: TurnkeyCallOptions,
  ): Promise<TurnkeyGetUserResponse>;
}

const GET_USER_PATH = "/public/v1/query/get_user";

/**
 * The byte cap of a Turnkey answer (1 MiB). A `get_user` answer is a few KiB even for a user with
 * many authenticators and keys; anything near the cap is not Turnkey talking.
 */
export const TURNKEY_MAX_RESPONSE_BYTES = 1024 * 1024;

type Attempt =
  | { ok: true; value: TurnkeyGetUserResponse }
  | { ok: false; error: Error; retryable: boolean; retryAfterMs?: number };

/**
 * Creates a Turnkey client. The body is serialized once and that exact string is stamped and sent
 * (on every attempt).
 *
 * @param options Stamper, and optionally base URL, fetch, timeout and retry settings.
 * @returns The client.
 *
 * @example
 * ```ts
 * import { assertEquals, assertInstanceOf } from "@std/assert";
 * import { createTurnkeyClient, TurnkeyApiError } from "@spkey/contracts/turnkey";
 * const client = createTurnkeyClient({
 *   stamper: { stamp: () => Promise.resolve({ stampHeaderName: "X-Stamp", stampHeaderValue: "test" }) },
 *   fetch: () => Promise.resolve(Response.json({ code: 5, message: "user not found", details: [] }, { status: 404 })),
 * });
 * const error = await client.getUser({ organizationId: "org-1", userId: "user-1" }).catch((e) => e);
 * assertInstanceOf(error, TurnkeyApiError);
 * assertEquals([error.status, error.grpcCode], [404, 5]);
 * ```
 */
export function createTurnkeyClient(options: TurnkeyClientOptions): TurnkeyClient {
  const settings = readOptions(options);
  const url = settings.baseUrl + GET_USER_PATH;

  /** One attempt within the call's deadline; transport failures become Turnkey errors. */
  async function attemptOnce(
    body: string,
    headers: Record<string, string>,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
    let answer: UpstreamAnswer;
    try {
      answer = await fetchUpstream(url, { method: "POST", headers, body }, {
        fetch: settings.fetch,
        timeoutMs: settings.timeoutMs,
        deadline,
        signal,
        maxBytes: TURNKEY_MAX_RESPONSE_BYTES,
        trace: settings.tracer && { tracer: settings.tracer, name: "Turnkey get_user" },
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { ok: false, retryable: false, error: transportError(error, settings.timeoutMs) };
    }
    return interpret(answer);
  }

  return {
    async getUser(request, callOptions = {}) {
      const parsed = TurnkeyGetUserRequestSchema.safeParse(request);
      if (!parsed.success) {
        throw new TypeError(
          `Cannot call Turnkey get_user: the request is invalid (${summarize(parsed.error)})`,
        );
      }
      // One deadline for the whole call, stamping included: every retry shares it.
      const deadline = Date.now() + settings.timeoutMs;
      const { signal } = callOptions;
      const body = JSON.stringify(parsed.data);
      const { stampHeaderName, stampHeaderValue } = await settings.stamper.stamp(body);
      const headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        [stampHeaderName]: stampHeaderValue,
      };
      for (let attempt = 0;; attempt++) {
        if (signal?.aborted) throw signal.reason;
        const outcome = await attemptOnce(body, headers, deadline, signal);
        if (outcome.ok) return outcome.value;
        if (!outcome.retryable || attempt >= settings.maxRetries) throw outcome.error;
        const delay = outcome.retryAfterMs ??
          backoffDelayMs(attempt, settings.retryBaseDelayMs);
        // A long Retry-After means "not soon": waiting would outlast any caller's patience.
        if (delay > settings.maxRetryAfterMs) throw outcome.error;
        let waited: boolean;
        try {
          waited = await waitWithinDeadline(delay, { deadline, signal });
        } catch (error) {
          throw signal?.aborted ? signal.reason : error;
        }
        // No time left for another attempt: the answer we have is the answer.
        if (!waited) throw outcome.error;
      }
    },
  };
}

/** Why no answer arrived, as the client's own error classes. */
function transportError(error: unknown, timeoutMs: number): Error {
  if (!(error instanceof UpstreamError)) {
    return new TurnkeyResponseError("Cannot reach Turnkey", undefined, { cause: error });
  }
  switch (error.kind) {
    case "timeout":
    case "deadline":
      return new TurnkeyTimeoutError(timeoutMs, { cause: error });
    case "redirect":
      return new TurnkeyResponseError(
        `Turnkey answered a redirect (HTTP ${error.status}), which is not followed`,
        error.status,
        { cause: error },
      );
    case "too_large":
      return new TurnkeyResponseError(
        `Turnkey answered more than ${error.limit} bytes`,
        error.status,
        { cause: error },
      );
    default: {
      const cause = error.cause;
      const reason = cause instanceof Error ? `: ${cause.message}` : "";
      return new TurnkeyResponseError(`Cannot reach Turnkey${reason}`, undefined, { cause: error });
    }
  }
}

/** Turns one HTTP answer into a value or a classified error. */
function interpret(response: UpstreamAnswer): Attempt {
  const { status, text } = response;
  const retryable = isRetryableStatus(status);
  const retryAfter = retryAfterMs(response.headers.get("retry-after"));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const type = response.headers.get("content-type") ?? "none";
    return {
      ok: false,
      retryable,
      retryAfterMs: retryAfter,
      error: new TurnkeyResponseError(
        `Turnkey answered HTTP ${status} with a body that is not JSON (${text.length} characters, content-type ${type})`,
        status,
      ),
    };
  }
  if (status < 200 || status > 299) {
    const errorBody = TurnkeyErrorBodySchema.safeParse(json);
    const error = errorBody.success
      ? new TurnkeyApiError({
        status,
        grpcCode: errorBody.data.code,
        message: errorBody.data.message || `Turnkey answered HTTP ${status}`,
        turnkeyErrorCode: turnkeyErrorCodeOf(errorBody.data),
        details: errorBody.data.details ?? undefined,
      })
      : new TurnkeyResponseError(
        `Turnkey answered HTTP ${status} with an unrecognised error body`,
        status,
      );
    return { ok: false, retryable, retryAfterMs: retryAfter, error };
  }
  const answer = TurnkeyGetUserResponseSchema.safeParse(json);
  if (!answer.success) {
    return {
      ok: false,
      retryable: false,
      error: new TurnkeyResponseError(
        `Turnkey get_user answered a body that does not match the expected schema (${
          summarize(answer.error)
        })`,
        status,
      ),
    };
  }
  return { ok: true, value: answer.data };
}

/** The first few issues as `path: message`; zod messages name types, never the values. */
function summarize(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) =>
    `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`
  );
  if (error.issues.length > 3) parts.push(`and ${error.issues.length - 3} more`);
  return parts.join("; ");
}

interface Settings {
  baseUrl: string;
  stamper: TurnkeyStamper;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  tracer: Tracer | undefined;
}

function readOptions(options: TurnkeyClientOptions): Settings {
  const action = "Cannot create the Turnkey client";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${action}: options with a stamper are required`);
  }
  if (typeof options.stamper?.stamp !== "function") {
    throw new TypeError(`${action}: stamper must have a stamp(payload) function`);
  }
  const baseUrl = options.baseUrl ?? "https://api.turnkey.com";
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`${action}: baseUrl is not a valid URL`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new TypeError(`${action}: baseUrl must be an http(s) URL, got ${parsed.protocol}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`${action}: fetch must be a function`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`${action}: timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
    throw new RangeError(
      `${action}: maxRetries must be an integer from 0 to 10, got ${maxRetries}`,
    );
  }
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  for (
    const [name, value] of [["retryBaseDelayMs", retryBaseDelayMs], [
      "maxRetryAfterMs",
      maxRetryAfterMs,
    ]] as const
  ) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${action}: ${name} must be a non-negative number, got ${value}`);
    }
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    stamper: options.stamper,
    // Looked up at call time and called unbound: Workers reject fetch called as a method.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    maxRetries,
    retryBaseDelayMs,
    maxRetryAfterMs,
    tracer: options.tracer,
  };
}
