/**
 * The three ways a Turnkey call fails: Turnkey answered an error, Turnkey did not answer in time,
 * or the answer (or the network) was unusable.
 *
 * @module
 */
import type { TurnkeyErrorDetail } from "../turnkey_error_body.ts";

/** Turnkey answered with an error body (`{ code, message, details[] }`). */
export class TurnkeyApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The gRPC status code from the body's `code` (e.g. 5 NOT_FOUND, 16 UNAUTHENTICATED). */
  readonly grpcCode: number | undefined;
  /** The first non-empty `turnkeyErrorCode`: the stable thing to branch on. */
  readonly turnkeyErrorCode: string | undefined;
  /** The body's `details`, as received. */
  readonly details: TurnkeyErrorDetail[];

  /**
   * @param init What Turnkey answered; `message` is Turnkey's own message.
   */
  constructor(init: {
    status: number;
    grpcCode?: number;
    message: string;
    turnkeyErrorCode?: string;
    details?: TurnkeyErrorDetail[];
  }) {
    super(init.message);
    this.name = "TurnkeyApiError";
    this.status = init.status;
    this.grpcCode = init.grpcCode;
    this.turnkeyErrorCode = init.turnkeyErrorCode;
    this.details = init.details ?? [];
  }
}

/** Turnkey did not answer within the call's deadline (`timeoutMs`, retries included). */
export class TurnkeyTimeoutError extends Error {
  /** The deadline that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  /** @param timeoutMs The deadline that elapsed. */
  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`Turnkey did not answer within ${timeoutMs} ms`, options);
    this.name = "TurnkeyTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The exchange failed without a usable Turnkey answer: network failure, a redirect (never
 * followed), a body over the byte cap, a body that is not JSON, or JSON that does not match the
 * expected schema. The message never echoes the body.
 */
export class TurnkeyResponseError extends Error {
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;

  /** @param message What went wrong. @param status The HTTP status, if any. */
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "TurnkeyResponseError";
    this.status = status;
  }
}
