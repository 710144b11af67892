import { assertEquals } from "@std/assert";
import { widgetAssets } from "./widget_assets.ts";

Deno.test("the widget bundle is read once it exists and then kept in memory", async () => {
  const answers: Array<string | null> = [null, "export {}", "changed"];
  let loads = 0;
  const assets = widgetAssets(() => Promise.resolve(answers[loads++]));
  assertEquals(await assets.widgetJs?.(), null);
  assertEquals(await assets.widgetJs?.(), "export {}");
  assertEquals(await assets.widgetJs?.(), "export {}");
  assertEquals(loads, 2);
});
