/**
 * `@spkey/contracts/upstream`: the bounded fetch every upstream call of the product goes through
 * (3dEye, Turnkey, D1 over HTTP, a JWKS): a per-call timeout and an overall deadline, a byte cap
 * on every body read as a stream, no redirects, and `Retry-After` honoured only inside the
 * deadline; and the tracing port ({@linkcode Tracer}) a call reports its span through.
 * Runtime-neutral: `fetch`, streams, `AbortController` and timers only.
 *
 * @module
 */
export * from "./fetch_upstream.ts";
export * from "./retry_after.ts";
export * from "./tracer.ts";
export * from "./upstream_error.ts";
