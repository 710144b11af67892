/**
 * `deno task dev` in apps/worker: the Worker in real workerd on a local D1, with no Cloudflare
 * account. Migrates and seeds the local D1 in `.wrangler/state` (wrangler's default, so
 * `npx wrangler d1 execute DB --local --command "..."` sees the same data), starts the 3dEye and
 * Turnkey STAND-INS, runs `wrangler dev --local` pointed at them and prints what to try.
 * `PORT` overrides the default port 8787. The widget is served from `apps/widget/dist`, which
 * `turbo run dev` builds first (`dependsOn: ["^build"]`); run alone, this stops if it is missing.
 *
 * @module
 */
import { join } from "node:path";
import { demoBanner, signDemoJwt } from "@spkey/testkit";
import { requireWidgetBundle } from "./bundle_worker.ts";
import { writeDevVarsFile } from "./dev_vars_file.ts";
import { DEMO_WORKER_SECRETS, type LocalBackends, startLocalBackends } from "./local_backends.ts";
import { WORKER_DIR } from "./node_modules_path.ts";
import { startWranglerDev, type WranglerDev } from "./wrangler_dev.ts";

const port = Number(Deno.env.get("PORT") ?? "8787");
const persistTo = join(WORKER_DIR, ".wrangler", "state");

let backends: LocalBackends | null = null;
let worker: WranglerDev;
try {
  requireWidgetBundle();
  backends = await startLocalBackends({ persistTo });
  const envFile = join(persistTo, "dev.env");
  await writeDevVarsFile(envFile, { ...backends.settings, LOG_LEVEL: "info" });
  worker = await startWranglerDev({ port, persistTo, envFile, echo: true });
} catch (error) {
  await backends?.close();
  console.error(error instanceof Error ? error.message : String(error));
  Deno.exit(1);
}

const jwt = await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret);
console.log(demoBanner({
  title: "Cloudflare Worker in local workerd",
  baseUrl: worker.url,
  jwt,
  threedeyeUrl: backends.threedeye?.url ?? "(not started)",
  turnkeyUrl: backends.turnkey?.url ?? "(not started)",
  databaseLine: `Local D1 (binding DB): ${persistTo} (migrated, demo rows seeded)`,
}));

const stop = async () => {
  await worker.close();
  await backends?.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);
