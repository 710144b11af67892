/**
 * The bench server process: ONE Deno process serving the full stack, the store-only and
 * middleware-only variants and the bare Hono route (see `bench_app.ts`) from the read-only SQLite
 * file at `DATABASE_PATH` (middleware-only reads it once, at start-up),
 * with the 3dEye settings pointing at a stand-in that lives in ANOTHER process (the bench
 * orchestrator), so the stand-in's own work never runs on this event loop and is not billed as
 * our overhead.
 *
 * Settings come from the environment (the Deno entry's names; PORT is ignored, the OS picks a
 * loopback port). Prints `{"msg":"listening","port":…}` on stdout once ready, then the app's
 * request logs. Stops on SIGTERM.
 *
 * @module
 */
import { DEMO_USERS } from "@spkey/testkit";
import { createSqliteExecutor } from "@spkey/api/sqlite";
import { batchedStdoutSink } from "@spkey/edge/log-sink";
import { createBenchHandler } from "./bench_app.ts";

const env = Deno.env.toObject();
if (!env.DATABASE_PATH) {
  console.error("error: Starting the bench server needs DATABASE_PATH (a seeded SQLite file).");
  Deno.exit(1);
}
const executor = createSqliteExecutor(env.DATABASE_PATH, { readOnly: true });
// The same log sink as the Deno entry (apps/edge/src/start_edge.ts), so the figures mirror it.
const handler = await createBenchHandler({
  env,
  executor,
  userIds: Object.values(DEMO_USERS),
  logger: batchedStdoutSink(),
});
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
console.log(JSON.stringify({ level: "info", msg: "listening", port: server.addr.port }));

Deno.addSignalListener("SIGTERM", async () => {
  await server.shutdown();
  executor.close();
  Deno.exit(0);
});
