/**
 * The one error {@linkcode fetchUpstream} throws, with a `kind` that says which bound or failure
 * ended the call, so each client can word it for its own readers.
 *
 * @module
 */

/**
 * Why an upstream call ended without a usable answer:
 * - `timeout`: the per-call timeout elapsed (request or body);
 * - `deadline`: the caller's overall deadline came first (or had already passed: nothing sent);
 * - `too_large`: the body (declared or streamed) went past the byte cap;
 * - `redirect`: the upstream answered a redirect, which is never followed;
 * - `unreachable`: the network failed (refused, reset, DNS, TLS);
 * - `cancelled`: the caller's signal aborted.
 */
export type UpstreamErrorKind =
  | "timeout"
  | "deadline"
  | "too_large"
  | "redirect"
  | "unreachable"
  | "cancelled";

/** Details an {@linkcode UpstreamError} carries besides its kind. */
export interface UpstreamErrorDetails {
  /** The HTTP status, when an answer arrived (`redirect`, `too_large`). */
  status?: number;
  /** The bound that was hit: milliseconds (`timeout`) or bytes (`too_large`). */
  limit?: number;
}

/**
 * An upstream call failed. The message is generic and names neither the URL nor anything the
 * upstream sent: clients wrap it in their own words (see `kind`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { UpstreamError } from "@spkey/contracts/upstream";
 * const error = new UpstreamError("redirect", { status: 307 });
 * assertEquals([error.kind, error.status, error.message], [
 *   "redirect",
 *   307,
 *   "The upstream answered a redirect (HTTP 307), which is not followed",
 * ]);
 * ```
 */
export class UpstreamError extends Error {
  /** Which bound or failure ended the call. */
  readonly kind: UpstreamErrorKind;
  /** The HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  /** The bound that was hit (ms for `timeout`, bytes for `too_large`). */
  readonly limit: number | undefined;

  /**
   * @param kind Which bound or failure ended the call.
   * @param details Status and limit, where they apply.
   * @param options `cause`: the underlying error, if any.
   */
  constructor(kind: UpstreamErrorKind, details: UpstreamErrorDetails = {}, options?: ErrorOptions) {
    super(describe(kind, details), options);
    this.name = "UpstreamError";
    this.kind = kind;
    this.status = details.status;
    this.limit = details.limit;
  }
}

function describe(kind: UpstreamErrorKind, { status, limit }: UpstreamErrorDetails): string {
  switch (kind) {
    case "timeout":
      return `The upstream call timed out after ${limit} ms`;
    case "deadline":
      return "The upstream call ran out of time before its deadline";
    case "too_large":
      return `The upstream answer is larger than ${limit} bytes`;
    case "redirect":
      return `The upstream answered a redirect (HTTP ${status}), which is not followed`;
    case "unreachable":
      return "The upstream could not be reached";
    case "cancelled":
      return "The upstream call was cancelled";
  }
}
