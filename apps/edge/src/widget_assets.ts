/**
 * The widget bundle for `/widget.js`, read from `apps/widget/dist` once it exists and then kept
 * in memory (it does not change while the process runs). `@spkey/widget` itself is imported on
 * the first request for it: its reader loads `node:fs`, which a cold start need not pay for.
 *
 * @module
 */
import type { AppAssets } from "@spkey/api";

/** Assets for `createApp`: the built widget, or a 404 from the app while it is not built. */
export function widgetAssets(load: () => Promise<string | null> = loadBuiltWidget): AppAssets {
  let bundle: string | null = null;
  return {
    async widgetJs() {
      bundle ??= await load();
      return bundle;
    },
  };
}

async function loadBuiltWidget(): Promise<string | null> {
  const { loadWidgetBundle } = await import("@spkey/widget");
  return await loadWidgetBundle();
}
