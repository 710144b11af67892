/**
 * `@spkey/testkit/demo-stack`: the local demo's stand-ins and settings, and the real edge service
 * run as a subprocess, alone ({@linkcode startEdgeService}) or with the demo around it
 * ({@linkcode startDemoStack}: seeded SQLite, stand-ins, fresh credentials). The edge app's own
 * `dev.ts` (`deno task dev`) uses the stand-ins at run time, which is why `@spkey/edge` depends on
 * this package; this package never imports the edge app, the caller passes it in.
 *
 * @module
 */
export * from "./demo_standins.ts";
export * from "./edge_service.ts";
