/**
 * Runs a load plan in a separate load-generator process (`load_client.ts`) and returns its
 * figures. The plan (which holds the admin credentials) goes over stdin, never on a command line
 * or in a log.
 *
 * @module
 */
import type { LoadPlan, PlanFigures } from "./load_plan.ts";

const LOAD_CLIENT = new URL("./load_client.ts", import.meta.url);

/**
 * Spawns the load generator for `plan` and waits for its figures.
 *
 * @throws {Error} When the process fails or prints no figures.
 */
export async function spawnLoadClient(plan: LoadPlan): Promise<PlanFigures> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", LOAD_CLIENT.pathname],
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(plan)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const lines = new TextDecoder().decode(stdout).trim().split("\n");
  if (code !== 0 || lines.at(-1) === "") {
    const why = new TextDecoder().decode(stderr).trim().split("\n").slice(-5).join("\n");
    throw new Error(`Running the load generator failed (exit ${code}):\n${why}`);
  }
  return JSON.parse(lines.at(-1)!) as PlanFigures;
}
