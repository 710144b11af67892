/**
 * The local demo (`deno task dev`, or `npm run dev` at the root): seeds `.data/demo.sqlite`,
 * starts the 3dEye and Turnkey STAND-INS on loopback, serves the app with demo credentials and
 * prints what you need to try it. `DATABASE_PATH` and `PORT` override the defaults. The widget is
 * served from `apps/widget/dist`, which `npm run dev` (`turbo run dev`, `dependsOn: ["^build"]`)
 * builds first; run alone before any build, `/widget.js` answers 404 and this says so.
 *
 * @module
 */
import { demoBanner } from "@spkey/testkit";
import { demoEnv, startDemoStandins } from "@spkey/testkit/demo-stack";
import { loadWidgetBundle } from "@spkey/widget";
import { DEMO_JWT_SECRET, prepareDemoDatabase, signDemoJwt } from "./src/demo_stack.ts";
import { startEdge } from "./src/start_edge.ts";
import { startupErrorLine } from "./src/startup_error.ts";

const databasePath = Deno.env.get("DATABASE_PATH") ?? "./.data/demo.sqlite";
const port = Deno.env.get("PORT") ?? "8787";

try {
  if (await loadWidgetBundle() === null) {
    console.error("note: the widget is not built (npm run build); /widget.js will answer 404");
  }
  prepareDemoDatabase(databasePath);
  const standins = await startDemoStandins();
  const env = { ...demoEnv({ standins, databasePath }), PORT: port, LOG_LEVEL: "info" };
  const service = await startEdge(env);
  const jwt = await signDemoJwt(DEMO_JWT_SECRET);
  const base = `http://${service.hostname}:${service.port}`;
  console.log(demoBanner({
    title: "local demo",
    baseUrl: base,
    jwt,
    threedeyeUrl: standins.threedeye.url,
    turnkeyUrl: standins.turnkey.url,
    databaseLine: `Database: ${databasePath} (demo rows seeded)`,
  }));
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
