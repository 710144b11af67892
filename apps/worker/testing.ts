/**
 * `@spkey/worker/testing`: the Worker's local tooling that other packages' tests and benchmarks
 * use (the benchmark in `apps/bench`): building and measuring the bundle, the whole Worker stack
 * on this machine (local D1, stand-ins, workerd), the widget bundle it serves, and wrangler run
 * offline. Imported by name so no package reaches into this app's folders by path.
 *
 * @module
 */
export { gzipLength, measureBundle } from "./tools/bundle_size.ts";
export { bundleWorker } from "./tools/bundle_worker.ts";
export { ensureWidgetBundle } from "./tools/widget_bundle.ts";
export { startWorkerStack, type WorkerStack } from "./tools/worker_stack.ts";
export { runWrangler } from "./tools/wrangler_cli.ts";
