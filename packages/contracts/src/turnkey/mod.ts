/**
 * `@spkey/contracts/turnkey`: a small Turnkey API client (`get_user`) that signs with any
 * `X-Stamp` stamper, within one deadline that covers every attempt and retry of a call (retrying
 * 429/5xx a bounded number of times), never following a redirect, with a byte cap on answers.
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
