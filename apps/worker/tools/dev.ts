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
import { DEMO_USERS, turnkeyDemoUser } from "@spkey/standins";
import { DEMO_ADMIN, signDemoJwt } from "./demo_jwt.ts";
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
console.log(banner(stack, jwt));

const stop = async () => {
  await stack.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);

function banner(stack: WorkerStack, jwt: string): string {
  const base = stack.url;
  const auth =
    `-H "X-Admin-API-Key: ${DEMO_WORKER_SECRETS.adminApiKey}" -H "Authorization: Bearer ${jwt}"`;
  return [
    "",
    "SmartphoneKey admin diagnostics: Cloudflare Worker in local workerd",
    "",
    "  STAND-INS in use (loopback imitations, not the real services):",
    `    3dEye    ${stack.threedeye?.url}`,
    `    Turnkey  ${stack.turnkey?.url}`,
    `  Local D1 (binding DB): ${stack.persistTo} (migrated, demo rows seeded)`,
    "",
    `  Demo admin key: ${DEMO_WORKER_SECRETS.adminApiKey}`,
    `  Demo JWT (${DEMO_ADMIN.email}, HS256, expires in 12 h):`,
    `    ${jwt}`,
    "",
    "  Diagnose the healthy demo user:",
    `    curl -s ${base}/admin/threedeye/users/${DEMO_USERS.healthy} ${auth}`,
    "  Turnkey user through the stand-in:",
    `    curl -s ${base}/admin/turnkey/users/${turnkeyDemoUser.userId} ${auth}`,
    "",
    `  Widget page:  ${base}/admin`,
    `  API docs:     ${base}/docs`,
    `  OpenAPI:      ${base}/openapi.json`,
    "",
    "  Ctrl-C stops everything.",
    "",
  ].join("\n");
}
