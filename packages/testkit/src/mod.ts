/**
 * `@spkey/testkit`: STAND-INS — loopback HTTP servers imitating the 3dEye, Turnkey and
 * Cloudflare D1 HTTP APIs for tests, benchmarks and the local demo — plus the shared demo
 * dataset; for traces, an OTLP/HTTP receiver that keeps what a traced service exports and an
 * in-memory recording tracer. Never used when real settings are given.
 *
 * @module
 */
export * from "./demo_data.ts";
export * from "./demo_seed.ts";
export * from "./loopback_server.ts";
export * from "./threedeye_standin.ts";
export * from "./d1_http_standin.ts";
export * from "./turnkey_standin.ts";
export * from "./hostile_http.ts";
export * from "./hostile_upstream_suite.ts";
export * from "./process_memory.ts";
export * from "./demo_credentials.ts";
export * from "./demo_banner.ts";
export * from "./child_process.ts";
export * from "./otlp_receiver.ts";
export * from "./recording_tracer.ts";
