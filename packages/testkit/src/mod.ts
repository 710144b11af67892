/**
 * `@spkey/testkit`: the test support of the workspace, in one package imported by name.
 *
 * This entry: STAND-INS — loopback HTTP servers imitating the 3dEye, Turnkey and Cloudflare D1
 * HTTP APIs for tests, benchmarks and the local demo — plus the shared demo dataset and demo
 * credentials, the hostile-upstream suite; for traces, an OTLP/HTTP receiver that keeps what a
 * traced service exports and an in-memory recording tracer; and the process helpers (also alone
 * as `./process`). Never used when real settings are given.
 *
 * The other entries:
 * - `@spkey/testkit/conformance`: THE HTTP conformance suite, run against the in-process server,
 *   the Deno server and the Worker, with the exact demo reports it expects;
 * - `@spkey/testkit/demo-stack`: the demo stand-ins and settings, and the edge service run as a
 *   subprocess with the demo around it;
 * - `@spkey/testkit/process`: starting, reading and stopping subprocesses.
 *
 * Not only tests use it: `apps/edge/dev.ts` (`deno task dev`, the local demo) starts the
 * stand-ins from `./demo-stack` at run time, so `@spkey/edge` lists this package as a dependency;
 * the service itself (`main.ts`) never loads it.
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
export * from "./process/mod.ts";
export * from "./otlp_receiver.ts";
export * from "./recording_tracer.ts";
