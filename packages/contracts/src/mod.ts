/**
 * `@spkey/contracts`: zod schemas and types shared by the admin diagnostics API, its widget and
 * sibling services. Browser-safe: no signer here (see `@spkey/contracts/stamp`).
 *
 * @module
 */
export * from "./diagnostics.ts";
export * from "./api_error.ts";
