/**
 * Bundle sizes against their budgets: the widget (`apps/widget/dist/spkey-widget.js`, 25 KiB
 * gzip) and the deployable Worker (`apps/worker/dist/index.js`, 120 KiB gzip; what
 * `wrangler deploy` uploads and Cloudflare counts), as their members' `build` tasks wrote them.
 * turbo runs those before the bench (`dependsOn: ["build"]`, and this member depends on both), so
 * nothing is built here; a missing bundle, or one whose sources changed since it was built (by the
 * SHA-256 of each input its build recorded, see `@spkey/widget/bundle-inputs`), is an error naming
 * the build, never measured as found.
 *
 * Sizes use the Worker member's own measuring code (gzip through `CompressionStream`, and an
 * esbuild-minified variant), so both members and this report count bytes the same way.
 *
 * @module
 */
import { join } from "node:path";
import { changedBundleInputs } from "@spkey/widget/bundle-inputs";
import { gzipLength, measureBundle } from "@spkey/worker/testing";

const APPS_DIR = new URL("../../../", import.meta.url);

/** The bundles, the record of their inputs their builds write, and their gzip budgets. */
export const BUNDLES = {
  widget: {
    member: "widget",
    file: "dist/spkey-widget.js",
    inputs: "dist/spkey-widget.inputs.json",
    budgetBytes: 25 * 1024,
  },
  worker: {
    member: "worker",
    file: "dist/index.js",
    inputs: "dist/bundle-inputs.json",
    budgetBytes: 120 * 1024,
  },
} as const;

/** Which bundle. */
export type BundleName = keyof typeof BUNDLES;

/** One bundle's sizes. */
export interface BundleFigure {
  /** Relative to the repository root. */
  file: string;
  rawBytes: number;
  gzipBytes: number;
  /** The Worker only: gzip of the esbuild-minified bundle (what `minify: true` would upload). */
  minifiedGzipBytes?: number;
  budgetBytes: number;
  /** gzipBytes ≤ budgetBytes. */
  met: boolean;
  /** When the measured file was written. */
  modifiedAt: string | null;
}

/** Where the members live: `apps/` of this repository unless a test says otherwise. */
export interface BundleOptions {
  appsDir?: URL;
}

/**
 * Measures bundle `name` as its member's build wrote it.
 *
 * @throws {Error} When the bundle or the record of its inputs is missing, or a source changed
 *   after it was built (the message names `npm run build`).
 */
export async function measureBundleSize(
  name: BundleName,
  options: BundleOptions = {},
): Promise<BundleFigure> {
  const { member, file, inputs, budgetBytes } = BUNDLES[name];
  const memberDir = new URL(`${member}/`, options.appsDir ?? APPS_DIR).pathname;
  const path = join(memberDir, file);
  const rebuild = "run npm run build (turbo builds it before npm run bench)";
  const stat = await Deno.stat(path).catch(() => null);
  const recorded = await Deno.stat(join(memberDir, inputs)).catch(() => null);
  if (stat === null || recorded === null) {
    throw new Error(
      `Measuring the ${name} bundle failed: apps/${member}/${file} is not built; ${rebuild}.`,
    );
  }
  const changed = await changedBundleInputs(memberDir, join(memberDir, inputs));
  if (changed.length > 0) {
    const some = changed.slice(0, 3).join(", ") + (changed.length > 3 ? ", …" : "");
    throw new Error(
      `Measuring the ${name} bundle failed: ${changed.length} of the sources of ` +
        `apps/${member}/${file} changed since it was built (${some}); ${rebuild}.`,
    );
  }
  let rawBytes: number;
  let gzipBytes: number;
  let minifiedGzipBytes: number | undefined;
  if (name === "worker") {
    const size = await measureBundle(path, file);
    ({ rawBytes, gzipBytes, minifiedGzipBytes } = size);
  } else {
    const bytes = await Deno.readFile(path);
    rawBytes = bytes.byteLength;
    gzipBytes = await gzipLength(bytes);
  }
  return {
    file: `apps/${member}/${file}`,
    rawBytes,
    gzipBytes,
    ...(minifiedGzipBytes === undefined ? {} : { minifiedGzipBytes }),
    budgetBytes,
    met: gzipBytes <= budgetBytes,
    modifiedAt: stat.mtime?.toISOString() ?? null,
  };
}
