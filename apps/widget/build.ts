/**
 * Builds the widget bundle: `src/element.ts` → `dist/spkey-widget.js` (one minified ES2022 ESM
 * file) with the workspace's esbuild binary, plus `dist/spkey-widget.meta.json` (esbuild's
 * metafile: which inputs went in) and `dist/spkey-widget.inputs.json` (their SHA-256, so a reader
 * can tell the bundle from a stale one). Prints the raw and gzip sizes.
 *
 * Run: `deno task build` (from apps/widget or via turbo).
 *
 * @module
 */
import { gzipSync } from "node:zlib";
import { recordBundleInputs } from "./bundle_inputs.ts";

const here = new URL(".", import.meta.url);
const esbuild = new URL("../../node_modules/.bin/esbuild", here).pathname;
const entry = new URL("src/element.ts", here).pathname;
const outfile = new URL("dist/spkey-widget.js", here).pathname;
const metafile = new URL("dist/spkey-widget.meta.json", here).pathname;
const inputsRecord = new URL("dist/spkey-widget.inputs.json", here).pathname;

const { code, stderr } = await new Deno.Command(esbuild, {
  args: [
    entry,
    "--bundle",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--minify",
    "--charset=utf8",
    "--legal-comments=none",
    `--outfile=${outfile}`,
    `--metafile=${metafile}`,
    "--log-level=warning",
  ],
  cwd: here.pathname,
  stdout: "inherit",
  stderr: "piped",
}).output();
if (code !== 0) {
  console.error(new TextDecoder().decode(stderr));
  throw new Error(`Building the widget bundle failed: esbuild exited with code ${code}.`);
}
await recordBundleInputs(here.pathname, metafile, inputsRecord);
const bundle = await Deno.readFile(outfile);
const kib = (n: number) => (n / 1024).toFixed(1);
console.log(
  `dist/spkey-widget.js: ${kib(bundle.length)} KiB, ${kib(gzipSync(bundle).length)} KiB gzip`,
);
