/**
 * Turnkey API key expiry: a key expires `expirationSeconds` after its `createdAt`; a key without
 * `expirationSeconds` never expires.
 *
 * @module
 */
import { type TurnkeyTimestamp, turnkeyTimestampToMillis } from "./time.ts";

/** Keys that expire within this window are flagged as expiring soon. */
export const EXPIRING_SOON_MS = 7 * 24 * 3600 * 1000;

/** Where an API key stands relative to `now`. */
export type ApiKeyExpiry =
  | { state: "none" }
  | { state: "unknown" }
  | { state: "active" | "expiring" | "expired"; expiresAt: number };

/**
 * Works out when an API key expires and whether that is past, soon or later. `unknown` when an
 * expiry is set but `createdAt` or `expirationSeconds` cannot be read.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { apiKeyExpiry } from "./api_key_expiry.ts";
 * // Created at 1000 s, valid for 60 s: at time 0 it expires within the week, so "expiring".
 * assertEquals(apiKeyExpiry({ seconds: "1000" }, "60", 0), {
 *   state: "expiring",
 *   expiresAt: 1_060_000,
 * });
 * assertEquals(apiKeyExpiry({ seconds: "1000" }, "60", 1_060_000).state, "expired");
 * assertEquals(apiKeyExpiry({ seconds: "1000" }, undefined, 0), { state: "none" });
 * ```
 */
export function apiKeyExpiry(
  createdAt: TurnkeyTimestamp | null | undefined,
  expirationSeconds: string | null | undefined,
  now: number,
): ApiKeyExpiry {
  if (expirationSeconds === undefined || expirationSeconds === null || expirationSeconds === "") {
    return { state: "none" };
  }
  const created = turnkeyTimestampToMillis(createdAt);
  if (created === null || !/^\d+$/.test(expirationSeconds)) return { state: "unknown" };
  const expiresAt = created + Number(expirationSeconds) * 1000;
  const state = expiresAt <= now
    ? "expired"
    : expiresAt - now <= EXPIRING_SOON_MS
    ? "expiring"
    : "active";
  return { state, expiresAt };
}
