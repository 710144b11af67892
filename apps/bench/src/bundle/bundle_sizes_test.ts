import { assert, assertEquals, assertRejects } from "@std/assert";
import { measureBundleSize } from "./bundle_sizes.ts";

/** A fake `apps/` folder whose widget member has the given build task. */
async function fakeApps(buildTask: string): Promise<URL> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-bundles-" });
  await Deno.mkdir(`${dir}/widget`);
  await Deno.writeTextFile(
    `${dir}/widget/deno.json`,
    JSON.stringify({ tasks: { build: buildTask } }),
  );
  return new URL(`file://${dir}/`);
}

Deno.test("a missing bundle is built with its member's task, then measured", async () => {
  const apps = await fakeApps(
    "mkdir -p dist && echo 'export const widget = 1;' > dist/spkey-widget.js",
  );
  try {
    const widget = await measureBundleSize("widget", { appsDir: apps });
    assertEquals(widget.builtNow, true);
    assertEquals(widget.file, "apps/widget/dist/spkey-widget.js");
    assertEquals(widget.rawBytes, "export const widget = 1;\n".length);
    assert(widget.gzipBytes > 0 && widget.met);

    const again = await measureBundleSize("widget", { appsDir: apps });
    assertEquals(again.builtNow, false, "an existing bundle is measured as found");
  } finally {
    await Deno.remove(apps, { recursive: true });
  }
});

Deno.test("a bundle that cannot be built is an error, never a skip", async () => {
  const apps = await fakeApps("echo 'esbuild: syntax error' && exit 3");
  try {
    await assertRejects(
      () => measureBundleSize("widget", { appsDir: apps }),
      Error,
      "Building the widget bundle failed (deno task build in apps/widget, exit 3):\nesbuild: syntax error",
    );
  } finally {
    await Deno.remove(apps, { recursive: true });
  }
});
