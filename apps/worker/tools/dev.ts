/**
 * `deno task dev` in apps/worker: the Worker in real workerd on a local D1, with no Cloudflare
 * account. Migrates and seeds the local D1 in `.wrangler/state` (wrangler's default, so
 * `npx wrangler d1 execute DB --local --command "..."` sees the same data), starts the 3dEye and
 * Turnkey STAND-INS, runs `wrangler dev --local` pointed at them and prints what to try.
 * `PORT` overrides the default port 8787.
 *
 * @module
 */
import { join } from "node:path";
import { demoBanner, signDemoJwt } from "@spkey/testkit";
import { WORKER_DIR } from "./node_modules_path.ts";
import { DEMO_WORKER_SECRETS, startWorkerStack, type WorkerStack } from "./worker_stack.ts";

const port = Number(Deno.env.get("PORT") ?? "8787");

let stack: WorkerStack;
try {
  stack = await startWorkerStack({
    persistTo: join(WORKER_DIR, ".wrangler", "state"),
    port,
    echo: true,
    settings: { LOG_LEVEL: "info" },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  Deno.exit(1);
}

const jwt = await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret);
console.log(demoBanner({
  title: "Cloudflare Worker in local workerd",
  baseUrl: stack.url,
  jwt,
  threedeyeUrl: stack.threedeye?.url ?? "(not started)",
  turnkeyUrl: stack.turnkey?.url ?? "(not started)",
  databaseLine: `Local D1 (binding DB): ${stack.persistTo} (migrated, demo rows seeded)`,
}));

const stop = async () => {
  await stack.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);
