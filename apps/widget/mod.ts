/**
 * `@spkey/widget` for servers: the built widget bundle, so the HTTP app can serve it at
 * `/widget.js`. The browser code itself is `src/element.ts`, bundled by
 * `deno task build` into `dist/spkey-widget.js`.
 *
 * @module
 */
import { readFile } from "node:fs/promises";

/** Where the built bundle lives, relative to this module. */
export const WIDGET_BUNDLE_URL: URL = new URL("./dist/spkey-widget.js", import.meta.url);

/**
 * Reads the built widget bundle (or the file at `from`); `null` when it has not been built (the app then answers 404 for
 * `/widget.js`). Other read failures are thrown.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { loadWidgetBundle } from "./mod.ts";
 * const js = await loadWidgetBundle();
 * assert(js === null || js.includes("spkey-threedeye-diagnostics"));
 * ```
 */
export async function loadWidgetBundle(from: URL = WIDGET_BUNDLE_URL): Promise<string | null> {
  if (from.protocol !== "file:") {
    // Deployed from a URL (e.g. a remote module graph): fetch the sibling file instead.
    const response = await fetch(from);
    if (response.ok) return await response.text();
    await response.body?.cancel();
    return null;
  }
  try {
    return await readFile(from, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw error;
  }
}
