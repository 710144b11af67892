/**
 * `deno task build`: the deployable Worker bundle in `dist/` (what `wrangler deploy` uploads),
 * checked for runtime leaks, with its sizes in `dist/size.json` and one line on stdout.
 *
 * @module
 */
import { join } from "node:path";
import { bundleWorker } from "./bundle_worker.ts";
import { formatBundleSize, measureBundle } from "./bundle_size.ts";
import { WORKER_DIR } from "./wrangler_cli.ts";

const outDir = join(WORKER_DIR, "dist");
try {
  const bundle = await bundleWorker(outDir);
  const size = await measureBundle(bundle, "dist/index.js");
  await Deno.writeTextFile(join(outDir, "size.json"), JSON.stringify(size, null, 2) + "\n");
  console.log(formatBundleSize(size));
  if (size.gzipBytes > size.gzipLimitBytes) {
    throw new Error("Building the Worker failed: the bundle exceeds the Workers gzip size limit.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  Deno.exit(1);
}
