/**
 * The built bundle (`dist/spkey-widget.js`): within the 25 KiB gzip budget, free of server and
 * signer code, and the marker check itself proven on real bundles of those libraries.
 */
import { assert, assertEquals, assertLessOrEqual, assertStringIncludes } from "@std/assert";
import { gzipSync } from "node:zlib";
import { forbiddenLibrariesIn } from "./bundle_markers.ts";

const widgetDir = new URL("../", import.meta.url);
const bundleUrl = new URL("dist/spkey-widget.js", widgetDir);
const metaUrl = new URL("dist/spkey-widget.meta.json", widgetDir);
const esbuild = new URL("../../node_modules/.bin/esbuild", widgetDir).pathname;
const BUDGET_BYTES = 25 * 1024;

async function readBundle(): Promise<string> {
  try {
    return await Deno.readTextFile(bundleUrl);
  } catch (error) {
    throw new Error(`Reading the widget bundle failed; run "deno task build" first (${error}).`);
  }
}

/** Bundles `code` (resolved from apps/widget) the way build.ts does, returning the output. */
async function bundleSnippet(code: string): Promise<string> {
  const child = new Deno.Command(esbuild, {
    args: [
      "--bundle",
      "--format=esm",
      "--minify",
      "--target=es2022",
      "--loader=ts",
      "--log-level=error",
    ],
    cwd: widgetDir.pathname,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(code));
  await writer.close();
  const { code: exit, stdout, stderr } = await child.output();
  if (exit !== 0) throw new Error(`Bundling a probe failed: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout);
}

Deno.test("the widget bundle is at most 25 KiB gzipped", async () => {
  const bytes = new TextEncoder().encode(await readBundle());
  const gzipped = gzipSync(bytes).length;
  assertLessOrEqual(gzipped, BUDGET_BYTES, `bundle is ${gzipped} bytes gzipped`);
});

Deno.test("the widget bundle contains no hono, zod-openapi, zod, noble or signer code", async () => {
  assertEquals(forbiddenLibrariesIn(await readBundle()), []);
});

Deno.test("the widget bundle's code comes only from widget sources, contracts' explain() and admin client", async () => {
  const meta = JSON.parse(await Deno.readTextFile(metaUrl));
  const output = meta.outputs[Object.keys(meta.outputs)[0]];
  // Inputs esbuild resolved but tree-shook away (e.g. zod behind the contracts root) add 0 bytes.
  const contributing = Object.entries(output.inputs as Record<string, { bytesInOutput: number }>)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  const unexpected = contributing.filter((path) =>
    !/^src\/[a-z_]+\.ts$/.test(path) &&
    !/^\.\.\/\.\.\/packages\/contracts\/src\/(findings\/)?[a-z_]*(explain|finding)[a-z_]*\.ts$/
      .test(path) &&
    path !== "../../packages/contracts/src/admin_client.ts"
  );
  assertEquals(unexpected, []);
  assert(contributing.includes("src/element.ts"));
});

Deno.test("the widget bundle is an ES module that registers the element", async () => {
  const source = await readBundle();
  assertStringIncludes(source, "spkey-threedeye-diagnostics");
  assertStringIncludes(source, "customElements.define(");
  assertEquals(/\brequire\(/.test(source), false);
});

Deno.test("the marker check detects each forbidden library in a real bundle of it", async () => {
  const probes: [string, string][] = [
    ["hono", `import { Hono } from "hono"; console.log(new Hono().get("/", (c) => c.text("x")));`],
    [
      "@hono/zod-openapi",
      `import { OpenAPIHono } from "@hono/zod-openapi"; console.log(new OpenAPIHono());`,
    ],
    [
      "@noble/curves",
      `import { p256 } from "@noble/curves/nist.js"; console.log(p256.getPublicKey(p256.utils.randomSecretKey()));`,
    ],
    ["X-Stamp signer", `import * as s from "@spkey/contracts/stamp"; console.log(s);`],
    ["zod", `import { z } from "zod"; console.log(z.string().parse("x"));`],
  ];
  for (const [library, code] of probes) {
    const found = forbiddenLibrariesIn(await bundleSnippet(code));
    assert(
      found.includes(library),
      `${library} not detected (found: ${found.join(", ") || "none"})`,
    );
  }
});
