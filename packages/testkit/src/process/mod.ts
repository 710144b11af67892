/**
 * `@spkey/testkit/process`: the subprocesses tests, benchmarks and the demo start: a Deno child
 * with a clean environment, reading its output by lines, waiting for its `{"msg":"listening"}`
 * line, and stopping it (SIGTERM, then SIGKILL).
 *
 * @module
 */
export * from "./child_process.ts";
export * from "./deno_command.ts";
export * from "./lines.ts";
export * from "./listening_process.ts";
