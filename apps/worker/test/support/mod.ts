/**
 * The Worker member's test support, by name (`@spkey/worker/testing`) for the benchmarks: the
 * Worker stack in real workerd via Miniflare over a local D1, the deployable bundle built from the
 * current source, its size as the build measures it, and the workspace's wrangler.
 *
 * @module
 */
export {
  DEMO_WORKER_SECRETS,
  startWorkerStack,
  type WorkerStack,
  type WorkerStackOptions,
} from "./worker_stack.ts";
export {
  bundleWorker,
  type BundleWorkerOptions,
  requireWidgetBundle,
  WIDGET_BUNDLE,
} from "../../scripts/bundle_worker.ts";
export { type BundleSize, gzipLength, measureBundle } from "../../scripts/bundle_size.ts";
export { runWrangler } from "../../scripts/wrangler_cli.ts";
