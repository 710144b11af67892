/**
 * `@spkey/contracts`: zod schemas and types shared by the admin diagnostics API, its widget and
 * sibling services (the diagnostics report, the user search by email, the error envelope, Turnkey
 * get_user), plus `explain()` (plain-language findings from a report). Browser-safe: the signer
 * lives in `@spkey/contracts/stamp`, the Turnkey client in `@spkey/contracts/turnkey`, the bounded
 * upstream fetch in `@spkey/contracts/upstream`.
 *
 * @module
 */
export * from "./diagnostics.ts";
export * from "./user_search.ts";
export * from "./api_error.ts";
export * from "./turnkey_get_user.ts";
export * from "./turnkey_error_body.ts";
export * from "./explain.ts";
