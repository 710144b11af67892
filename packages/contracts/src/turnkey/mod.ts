/**
 * `@spkey/contracts/turnkey`: a small Turnkey API client (`get_user`) that signs with any
 * `X-Stamp` stamper, within one deadline that covers every attempt and retry of a call (retrying
 * 429/5xx a bounded number of times), never following a redirect, with a byte cap on answers.
 *
 * What it relies on about Turnkey, confirmed by Turnkey's published swagger (held to it by the
 * contracts tests): the path `POST /public/v1/query/get_user`, the request and response shapes, and
 * an error body `{ code?, message?, details? }` in which nothing is required (Turnkey's SDK also
 * sends `details: null`); any such body is a `TurnkeyApiError`. Assumed, not in the swagger: which
 * HTTP status each error comes with (callers can branch on `status` or on `grpcCode`), that rate
 * limits are 429 with `Retry-After`, and that `details[]` carry a string `turnkeyErrorCode`.
 *
 * @module
 */
export * from "./client.ts";
export * from "./errors.ts";
export type {
  TurnkeyGetUserRequest,
  TurnkeyGetUserResponse,
  TurnkeyUser,
} from "../turnkey_get_user.ts";
