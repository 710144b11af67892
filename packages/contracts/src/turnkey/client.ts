/**
 * A minimal Turnkey API client: `get_user`, signed with an `X-Stamp`, with a per-attempt timeout
 * and bounded retries. Runtime-neutral: it only needs `fetch`, `AbortController` and timers.
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
import { TurnkeyApiError, TurnkeyResponseError, TurnkeyTimeoutError } from "./errors.ts";
import { backoffDelayMs, isRetryableStatus, retryAfterMs, sleep } from "./_retry.ts";

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
  /** Timeout of each attempt (request and body), in ms; default 10000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429 and 5xx only; default 2 (0 to 10). */
  maxRetries?: number;
  /** First backoff delay in ms, doubled per retry, with jitter; default 250. */
  retryBaseDelayMs?: number;
  /** Longest `Retry-After` honoured, in ms; a longer one ends the call at once. Default 5000. */
  maxRetryAfterMs?: number;
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
 * import { createTurnkeyClient, TurnkeyApiError } from "@spkey/contracts/turnkey";
 * const client = createTurnkeyClient({
 *   stamper: { stamp: () => Promise.resolve({ stampHeaderName: "X-Stamp", stampHeaderValue: "test" }) },
 *   fetch: () => Promise.resolve(Response.json({ code: 5, message: "user not found", details: [] }, { status: 404 })),
 * });
 * const error = await client.getUser({ organizationId: "org-1", userId: "user-1" }).catch((e) => e);
 * console.assert(error instanceof TurnkeyApiError && error.grpcCode === 5);
 * ```
 */
export function createTurnkeyClient(options: TurnkeyClientOptions): TurnkeyClient {
  const settings = readOptions(options);
  const url = settings.baseUrl + GET_USER_PATH;

  async function attemptOnce(
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    const failure = (cause: unknown): Attempt => {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        return { ok: false, retryable: false, error: new TurnkeyTimeoutError(settings.timeoutMs) };
      }
      const reason = cause instanceof Error ? cause.message : String(cause);
      return {
        ok: false,
        retryable: false,
        error: new TurnkeyResponseError(`Cannot reach Turnkey: ${reason}`, undefined, { cause }),
      };
    };
    try {
      let response: Response;
      let text: string;
      try {
        response = await settings.fetch(url, {
          method: "POST",
          headers,
          body,
          signal: controller.signal,
        });
        text = await response.text();
      } catch (cause) {
        return failure(cause);
      }
      return interpret(response, text);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  return {
    async getUser(request, callOptions = {}) {
      const parsed = TurnkeyGetUserRequestSchema.safeParse(request);
      if (!parsed.success) {
        throw new TypeError(
          `Cannot call Turnkey get_user: the request is invalid (${summarize(parsed.error)})`,
        );
      }
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
        const outcome = await attemptOnce(body, headers, signal);
        if (outcome.ok) return outcome.value;
        if (!outcome.retryable || attempt >= settings.maxRetries) throw outcome.error;
        const delay = outcome.retryAfterMs ??
          backoffDelayMs(attempt, settings.retryBaseDelayMs);
        // A long Retry-After means "not soon": waiting would outlast any caller's patience.
        if (delay > settings.maxRetryAfterMs) throw outcome.error;
        await sleep(delay, signal);
      }
    },
  };
}

/** Turns one HTTP answer into a value or a classified error. */
function interpret(response: Response, text: string): Attempt {
  const { status } = response;
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
  if (!response.ok) {
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
  };
}
