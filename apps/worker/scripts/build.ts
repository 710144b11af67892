/**
 * `deno task build`: the deployable Worker bundle in `dist/` (what `wrangler deploy` uploads),
 * checked for runtime leaks, with its sizes and bytes per package in `dist/size.json`, the SHA-256
 * of every source that went in (`dist/bundle-inputs.json`, see `@spkey/widget/bundle-inputs`: how
 * the benchmark tells this bundle from a stale one) and one line on stdout (plus a warning on stderr
 * when it is over the gzip budget).
 *
 * @module
 */
import { join } from "node:path";
import { recordBundleInputs } from "@spkey/widget/bundle-inputs";
import { bundleWorker, METAFILE_FILE } from "./bundle_worker.ts";
import { bytesByPackage, readMetafile } from "./bundle_composition.ts";
import { formatBundleSize, measureBundle } from "./bundle_size.ts";
import { WORKER_DIR } from "./wrangler_cli.ts";

const outDir = join(WORKER_DIR, "dist");
try {
  const bundle = await bundleWorker(outDir);
  const size = await measureBundle(bundle, "dist/index.js");
  const packages = bytesByPackage(await readMetafile(join(outDir, METAFILE_FILE)));
  // Metafile inputs are relative to apps/worker, wrangler's working directory.
  await recordBundleInputs(
    WORKER_DIR,
    join(outDir, METAFILE_FILE),
    join(outDir, "bundle-inputs.json"),
  );
  await Deno.writeTextFile(
    join(outDir, "size.json"),
    JSON.stringify({ ...size, bytesByPackage: packages }, null, 2) + "\n",
  );
  console.log(formatBundleSize(size));
  if (size.gzipBytes > size.gzipLimitBytes) {
    throw new Error("Building the Worker failed: the bundle exceeds the Workers gzip size limit.");
  }
  if (size.gzipBytes > size.gzipBudgetBytes) {
    // The bundle test fails on this; the build still succeeds so the bundle can be inspected.
    console.error("Warning: the Worker bundle is over its gzip budget (see dist/size.json).");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  Deno.exit(1);
}
