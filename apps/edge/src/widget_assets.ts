/**
 * The widget bundle for `/widget.js`, read from `apps/widget/dist` once it exists and then kept
 * in memory (it does not change while the process runs).
 *
 * @module
 */
import type { AppAssets } from "@spkey/api";
import { loadWidgetBundle } from "@spkey/widget";

/** Assets for `createApp`: the built widget, or a 404 from the app while it is not built. */
export function widgetAssets(load: () => Promise<string | null> = loadWidgetBundle): AppAssets {
  let bundle: string | null = null;
  return {
    async widgetJs() {
      bundle ??= await load();
      return bundle;
    },
  };
}
