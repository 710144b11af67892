/**
 * `@spkey/testkit/conformance`: THE HTTP conformance suite that every runner registers (the
 * in-process server in `@spkey/api`'s tests, the Deno server in `apps/edge`, the Worker in
 * `apps/worker`), the HTTP helper over a {@linkcode ConformanceTarget}, the exact demo reports
 * and searches the suite and the unit tests expect, and an independent JWS signer for forging
 * tokens.
 *
 * @module
 */
export * from "./suite.ts";
export * from "./target.ts";
export * from "./expect.ts";
export * from "./demo_expectations.ts";
export * from "./jws.ts";
