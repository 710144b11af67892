/**
 * The Worker serves the widget from the static-assets folder `apps/widget/dist` (see
 * wrangler.jsonc), and wrangler refuses to start or bundle without that folder. This makes sure
 * the widget is built, building it with its own task when it is not.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { WORKER_DIR } from "./node_modules_path.ts";

/** The widget member's folder. */
export const WIDGET_DIR: string = join(WORKER_DIR, "..", "widget");

/** The bundle the Worker's ASSETS binding serves. */
export const WIDGET_BUNDLE: string = join(WIDGET_DIR, "dist", "spkey-widget.js");

/**
 * Builds the widget (`deno task build` in apps/widget) unless its bundle already exists.
 *
 * @throws {Error} When the widget build fails.
 */
export async function ensureWidgetBundle(): Promise<void> {
  if (existsSync(WIDGET_BUNDLE)) return;
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "build"],
    cwd: WIDGET_DIR,
    env: { DENO_NO_UPDATE_CHECK: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0 || !existsSync(WIDGET_BUNDLE)) {
    throw new Error(
      `Building the widget for the Worker's assets failed (exit ${code}):\n${
        new TextDecoder().decode(stderr).trim()
      }`,
    );
  }
}
