/**
 * `@spkey/contracts/turnkey`: a small Turnkey API client (`get_user`) that signs with any
 * `X-Stamp` stamper, times out per attempt and retries 429/5xx a bounded number of times.
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
