/**
 * Bundles the Worker exactly as `wrangler deploy` would upload it (`--dry-run`, no network, with
 * wrangler.jsonc's `minify` and `alias`), writes esbuild's metafile beside it, then refuses a
 * bundle that reaches for another runtime.
 *
 * @module
 */
import { join } from "node:path";
import { describeRuntimeLeaks, findRuntimeLeaks } from "./bundle_purity.ts";
import { ensureWidgetBundle } from "./widget_bundle.ts";
import { runWrangler } from "./wrangler_cli.ts";

/** The entry file wrangler writes into the out dir. */
export const BUNDLE_FILE = "index.js";

/** The esbuild metafile written beside the bundle (inputs, imports, bytes per input). */
export const METAFILE_FILE = "bundle-meta.json";

/**
 * Writes the deployable bundle and its metafile ({@linkcode METAFILE_FILE}) into `outDir` and
 * returns the bundle's path.
 *
 * @throws {Error} When wrangler fails or the bundle uses Deno APIs or `node:sqlite`.
 */
export async function bundleWorker(outDir: string): Promise<string> {
  await Deno.remove(outDir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  // wrangler reads the ASSETS folder (the widget) even for a dry run.
  await ensureWidgetBundle();
  await runWrangler([
    "deploy",
    "--dry-run",
    "--outdir",
    outDir,
    "--metafile",
    join(outDir, METAFILE_FILE),
  ]);
  const bundle = join(outDir, BUNDLE_FILE);
  const leaks = findRuntimeLeaks(await Deno.readTextFile(bundle));
  if (leaks.length > 0) throw new Error(describeRuntimeLeaks(bundle, leaks));
  return bundle;
}
