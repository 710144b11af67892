import { assert, assertEquals, assertRejects } from "@std/assert";
import { recordBundleInputs } from "@spkey/widget/bundle-inputs";
import { measureBundleSize } from "./bundle_sizes.ts";

const BUNDLE = "export const widget = 1;\n";

/** A fake `apps/` folder with a widget built from `src/a.ts` and `src/b.ts`. */
async function fakeApps(): Promise<{ apps: URL; widget: string }> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-bundles-" });
  const widget = `${dir}/widget`;
  await Deno.mkdir(`${widget}/src`, { recursive: true });
  await Deno.mkdir(`${widget}/dist`);
  for (const source of ["src/a.ts", "src/b.ts"]) {
    await Deno.writeTextFile(`${widget}/${source}`, "export {};\n");
  }
  await Deno.writeTextFile(`${widget}/dist/spkey-widget.js`, BUNDLE);
  const metafile = `${widget}/dist/spkey-widget.meta.json`;
  await Deno.writeTextFile(
    metafile,
    JSON.stringify({ inputs: { "src/a.ts": {}, "src/b.ts": {}, "<runtime>": {} } }),
  );
  await recordBundleInputs(widget, metafile, `${widget}/dist/spkey-widget.inputs.json`);
  return { apps: new URL(`file://${dir}/`), widget };
}

Deno.test("a bundle whose sources are as built is measured, even if their times moved", async () => {
  const { apps, widget } = await fakeApps();
  try {
    const later = new Date(Date.now() + 60_000);
    await Deno.utime(`${widget}/src/a.ts`, later, later); // a checkout, a turbo cache hit
    const figure = await measureBundleSize("widget", { appsDir: apps });
    assertEquals(figure.file, "apps/widget/dist/spkey-widget.js");
    assertEquals(figure.rawBytes, BUNDLE.length);
    assert(figure.gzipBytes > 0 && figure.met);
  } finally {
    await Deno.remove(apps, { recursive: true });
  }
});

Deno.test("a source changed since the build makes the bundle an error naming the build", async () => {
  const { apps, widget } = await fakeApps();
  try {
    await Deno.writeTextFile(`${widget}/src/b.ts`, "export const changed = 1;\n");
    await assertRejects(
      () => measureBundleSize("widget", { appsDir: apps }),
      Error,
      "Measuring the widget bundle failed: 1 of the sources of apps/widget/dist/spkey-widget.js " +
        "changed since it was built (src/b.ts); run npm run build",
    );
    await Deno.remove(`${widget}/src/a.ts`);
    await assertRejects(
      () => measureBundleSize("widget", { appsDir: apps }),
      Error,
      "2 of the sources of apps/widget/dist/spkey-widget.js changed since it was built " +
        "(src/a.ts, src/b.ts)",
    );
  } finally {
    await Deno.remove(apps, { recursive: true });
  }
});

Deno.test("a bundle that was never built is an error, never built on the side or skipped", async () => {
  const { apps, widget } = await fakeApps();
  try {
    await Deno.remove(`${widget}/dist`, { recursive: true });
    await assertRejects(
      () => measureBundleSize("widget", { appsDir: apps }),
      Error,
      "Measuring the widget bundle failed: apps/widget/dist/spkey-widget.js is not built; run npm run build",
    );
  } finally {
    await Deno.remove(apps, { recursive: true });
  }
});
