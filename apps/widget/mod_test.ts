import { assertEquals } from "@std/assert";
import { loadWidgetBundle, WIDGET_BUNDLE_URL } from "./mod.ts";

Deno.test("loadWidgetBundle returns the built bundle, or null when it is not built", async () => {
  const onDisk = await Deno.readTextFile(WIDGET_BUNDLE_URL).catch(() => null);
  assertEquals(await loadWidgetBundle(), onDisk);
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(await loadWidgetBundle(new URL(`file://${dir}/missing.js`)), null);
    await Deno.writeTextFile(`${dir}/w.js`, "export {};");
    assertEquals(await loadWidgetBundle(new URL(`file://${dir}/w.js`)), "export {};");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
