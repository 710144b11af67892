import { assert, assertEquals, assertRejects } from "@std/assert";
import { measureBundleSize } from "./bundle_sizes.ts";

const BUNDLE = "export const widget = 1;\n";

/** A fake `apps/` folder with a built widget made of `src/a.ts` and `src/b.ts`. */
async function fakeApps(): Promise<{ apps: URL; widget: string }> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-bundles-" });
  const widget = `${dir}/widget`;
  await Deno.mkdir(`${widget}/src`, { recursive: true });
  await Deno.mkdir(`${widget}/dist`);
  const past = new Date(Date.now() - 60_000);
  for (const source of ["src/a.ts", "src/b.ts"]) {
    await Deno.writeTextFile(`${widget}/${source}`, "export {};\n");
    await Deno.utime(`${widget}/${source}`, past, past);
  }
  await Deno.writeTextFile(`${widget}/dist/spkey-widget.js`, BUNDLE);
  const built = new Date(Date.now() - 30_000);
  await Deno.utime(`${widget}/dist/spkey-widget.js`, built, built);
  await Deno.writeTextFile(
    `${widget}/dist/spkey-widget.meta.json`,
    JSON.stringify({ inputs: { "src/a.ts": {}, "src/b.ts": {}, "<runtime>": {} } }),
  );
  return { apps: new URL(`file://${dir}/`), widget };
}

Deno.test("a bundle built after its sources is measured as built", async () => {
  const { apps } = await fakeApps();
  try {
    const widget = await measureBundleSize("widget", { appsDir: apps });
    assertEquals(widget.file, "apps/widget/dist/spkey-widget.js");
    assertEquals(widget.rawBytes, BUNDLE.length);
    assert(widget.gzipBytes > 0 && widget.met);
  } finally {
    await Deno.remove(apps, { recursive: true });
  }
});

Deno.test("a source changed after the build makes the bundle an error naming the build", async () => {
  const { apps, widget } = await fakeApps();
  try {
    await Deno.writeTextFile(`${widget}/src/b.ts`, "export const changed = 1;\n");
    await assertRejects(
      () => measureBundleSize("widget", { appsDir: apps }),
      Error,
      "Measuring the widget bundle failed: apps/widget/dist/spkey-widget.js is older than 1 of its " +
        "sources (src/b.ts); run npm run build",
    );
    await Deno.remove(`${widget}/src/a.ts`);
    await assertRejects(
      () => measureBundleSize("widget", { appsDir: apps }),
      Error,
      "older than 2 of its sources (src/a.ts, src/b.ts)",
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
