/**
 * What the log may say about a failed request's cause. An exception's message is only as safe as
 * whoever wrote it: Turnkey's error text can quote a user's email, a runtime's JSON parse error
 * quotes the body it choked on, and a driver's message can quote SQL. So the rule is:
 *
 * - the message is logged only for errors whose text this codebase composes, from nothing an
 *   upstream sent: {@linkcode StoreUnavailableError}, {@linkcode JwksUnavailableError},
 *   `TurnkeyTimeoutError`, {@linkcode ConfigError} (it names settings, never values), and an {@linkcode ApiException}'s own message when it has no cause;
 * - a Turnkey API error is logged by its HTTP status, gRPC code and `turnkeyErrorCode` (the
 *   stable, documented thing), never its message; an unusable Turnkey answer by its status;
 * - anything else (a 500 from a bug included) by its class name alone.
 *
 * @module
 */
import {
  TurnkeyApiError,
  TurnkeyResponseError,
  TurnkeyTimeoutError,
} from "@spkey/contracts/turnkey";
import { JwksUnavailableError } from "./auth/jwks.ts";
import { ConfigError } from "./config_parse.ts";
import type { ApiException } from "./errors.ts";
import { StoreUnavailableError } from "./domain.ts";

// turnkeyErrorCode values are upper-case identifiers ("USER_NOT_FOUND"); anything else is text.
const ERROR_CODE = /^[A-Z0-9_]{1,64}$/;

/**
 * The log fields describing why `exception` (a 5xx) happened: `error` (a class name) and, where
 * the rule above allows, `detail`, `upstreamStatus`, `grpcCode`, `turnkeyErrorCode`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TurnkeyApiError } from "@spkey/contracts/turnkey";
 * import { ApiException } from "./errors.ts";
 * import { failureLogFields } from "./failure_log.ts";
 * const cause = new TurnkeyApiError({
 *   status: 500,
 *   grpcCode: 13,
 *   message: "user ada@example.com is locked",
 *   turnkeyErrorCode: "INTERNAL",
 * });
 * assertEquals(failureLogFields(new ApiException(502, "The Turnkey request failed.", { cause })), {
 *   error: "TurnkeyApiError",
 *   upstreamStatus: 500,
 *   grpcCode: 13,
 *   turnkeyErrorCode: "INTERNAL",
 * });
 * ```
 */
export function failureLogFields(exception: ApiException): Record<string, unknown> {
  const cause = exception.cause;
  if (cause === undefined) return { error: exception.name, detail: ownMessage(exception) };
  const error = cause instanceof Error ? cause.name : typeof cause;
  if (
    cause instanceof StoreUnavailableError || cause instanceof JwksUnavailableError ||
    cause instanceof TurnkeyTimeoutError || cause instanceof ConfigError
  ) {
    return { error, detail: ownMessage(cause) };
  }
  if (cause instanceof TurnkeyApiError) {
    return {
      error,
      upstreamStatus: cause.status,
      grpcCode: cause.grpcCode ?? null,
      turnkeyErrorCode: ERROR_CODE.test(cause.turnkeyErrorCode ?? "")
        ? cause.turnkeyErrorCode
        : null,
    };
  }
  if (cause instanceof TurnkeyResponseError) return { error, upstreamStatus: cause.status ?? null };
  return { error };
}

// First line only and bounded: enough to diagnose, no stacks in logs.
function ownMessage(error: Error): string {
  return error.message.split("\n")[0].slice(0, 300);
}
