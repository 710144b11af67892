/**
 * The local demo (`deno task dev`, or `npm run dev` at the root): seeds `.data/demo.sqlite`,
 * starts the 3dEye and Turnkey STAND-INS on loopback, serves the app with demo credentials and
 * prints what you need to try it. `DATABASE_PATH` and `PORT` override the defaults.
 *
 * @module
 */
import { DEMO_USERS, turnkeyDemoUser } from "@spkey/standins";
import { loadWidgetBundle } from "@spkey/widget";
import {
  DEMO_ADMIN,
  DEMO_ADMIN_API_KEY,
  DEMO_JWT_SECRET,
  demoEnv,
  prepareDemoDatabase,
  signDemoJwt,
  startDemoStandins,
} from "./src/demo_stack.ts";
import { startEdge } from "./src/start_edge.ts";
import { startupErrorLine } from "./src/startup_error.ts";

const databasePath = Deno.env.get("DATABASE_PATH") ?? "./.data/demo.sqlite";
const port = Deno.env.get("PORT") ?? "8787";

try {
  await ensureWidgetBuilt();
  prepareDemoDatabase(databasePath);
  const standins = await startDemoStandins();
  const env = { ...demoEnv({ standins, databasePath }), PORT: port, LOG_LEVEL: "info" };
  const service = startEdge(env);
  const jwt = await signDemoJwt(DEMO_JWT_SECRET);
  const base = `http://${service.hostname}:${service.port}`;
  console.log(banner({ base, jwt, standins }));
  const stop = async () => {
    await service.close();
    await standins.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
} catch (error) {
  console.error(startupErrorLine(error));
  Deno.exit(1);
}

function banner(
  { base, jwt, standins }: {
    base: string;
    jwt: string;
    standins: Awaited<ReturnType<typeof startDemoStandins>>;
  },
): string {
  const auth = `-H "X-Admin-API-Key: ${DEMO_ADMIN_API_KEY}" -H "Authorization: Bearer ${jwt}"`;
  const users = Object.entries(DEMO_USERS).map(([name, id]) => `    ${name.padEnd(15)} ${id}`);
  return [
    "",
    "SmartphoneKey admin diagnostics: local demo",
    "",
    "  STAND-INS in use (loopback imitations, not the real services):",
    `    3dEye    ${standins.threedeye.url}`,
    `    Turnkey  ${standins.turnkey.url}`,
    `  Database: ${databasePath} (demo rows seeded)`,
    "",
    `  Demo admin key: ${DEMO_ADMIN_API_KEY}`,
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
    "  Demo users:",
    ...users,
    "",
    "  Ctrl-C stops everything.",
    "",
  ].join("\n");
}

async function ensureWidgetBuilt(): Promise<void> {
  if (await loadWidgetBundle() !== null) return;
  const build = new URL("../widget/build.ts", import.meta.url);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-run", "--allow-env", build.pathname],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) console.error("note: the widget could not be built; /widget.js will answer 404");
}
