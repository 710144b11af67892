/**
 * Bundles the Worker exactly as `wrangler deploy` would upload it (`--dry-run`, no network, with
 * wrangler.jsonc's `minify` and `alias`), writes esbuild's metafile beside it, then refuses a
 * bundle that reaches for another runtime.
 *
 * wrangler reads the ASSETS folder (`apps/widget/dist`) even for a dry run. The widget is built
 * by its own `build` task, which turbo runs before this member's build, tests and benchmarks
 * (`dependsOn: ["^build"]`); run alone, this says so instead of building it on the side.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { describeRuntimeLeaks, findRuntimeLeaks } from "./bundle_purity.ts";
import { WORKER_DIR } from "./node_modules_path.ts";
import { runWrangler } from "./wrangler_cli.ts";

/** The entry file wrangler writes into the out dir for `src/index.ts`. */
export const BUNDLE_FILE = "index.js";

/** The esbuild metafile written beside the bundle (inputs, imports, bytes per input). */
export const METAFILE_FILE = "bundle-meta.json";

/** The built widget the Worker's ASSETS binding serves (wrangler.jsonc `assets.directory`). */
export const WIDGET_BUNDLE: string = join(WORKER_DIR, "..", "widget", "dist", "spkey-widget.js");

/**
 * Refuses to go on without the built widget, naming the task that builds it.
 *
 * @throws {Error} When `apps/widget/dist/spkey-widget.js` is missing.
 */
export function requireWidgetBundle(): void {
  if (!existsSync(WIDGET_BUNDLE)) {
    throw new Error(
      `The widget is not built (${WIDGET_BUNDLE} is missing): run npm run build at the root ` +
        "(or deno task build in apps/widget).",
    );
  }
}

/**
 * The file wrangler writes the bundle to in the out dir: named after the entry module, so
 * {@linkcode BUNDLE_FILE} for wrangler.jsonc's `main` (`src/index.ts`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { bundleFileName } from "./bundle_worker.ts";
 * assertEquals(bundleFileName(), "index.js");
 * assertEquals(bundleFileName("test/fixtures/counting_entry.ts"), "counting_entry.js");
 * ```
 */
export function bundleFileName(entry?: string): string {
  return entry ? basename(entry).replace(/\.[cm]?[jt]s$/, ".js") : BUNDLE_FILE;
}

/** Options of {@linkcode bundleWorker}. */
export interface BundleWorkerOptions {
  /**
   * Another entry module instead of wrangler.jsonc's `main` (relative to apps/worker), e.g. a
   * test wrapper around `src/index.ts`.
   */
  entry?: string;
}

/**
 * Writes the deployable bundle and its metafile ({@linkcode METAFILE_FILE}) into `outDir` and
 * returns the bundle's path.
 *
 * @throws {Error} When the widget is not built, wrangler fails, or the bundle uses Deno APIs or
 *   `node:sqlite`.
 */
export async function bundleWorker(
  outDir: string,
  options: BundleWorkerOptions = {},
): Promise<string> {
  requireWidgetBundle();
  await Deno.remove(outDir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  await runWrangler([
    "deploy",
    ...(options.entry ? [options.entry] : []),
    "--dry-run",
    "--outdir",
    outDir,
    "--metafile",
    join(outDir, METAFILE_FILE),
  ]);
  const bundle = join(outDir, bundleFileName(options.entry));
  const leaks = findRuntimeLeaks(await Deno.readTextFile(bundle));
  if (leaks.length > 0) throw new Error(describeRuntimeLeaks(bundle, leaks));
  return bundle;
}
