/**
 * Bundle sizes against their budgets: the widget (`apps/widget/dist/spkey-widget.js`, 25 KiB
 * gzip) and the deployable Worker (`apps/worker/dist/index.js`, 120 KiB gzip; what
 * `wrangler deploy` uploads and Cloudflare counts), as their members' `build` tasks wrote them.
 * turbo runs those before the bench (`dependsOn: ["build"]`, and this member depends on both), so
 * nothing is built here; a missing bundle, or one older than any of the sources its esbuild
 * metafile lists, is an error naming the build, never measured as found.
 *
 * Sizes use the Worker member's own measuring code (gzip through `CompressionStream`, and an
 * esbuild-minified variant), so both members and this report count bytes the same way.
 *
 * @module
 */
import { join } from "node:path";
import { gzipLength, measureBundle } from "@spkey/worker/testing";

const APPS_DIR = new URL("../../", import.meta.url);

/** The bundles, their esbuild metafiles (inputs relative to the member), and gzip budgets. */
export const BUNDLES = {
  widget: {
    member: "widget",
    file: "dist/spkey-widget.js",
    metafile: "dist/spkey-widget.meta.json",
    budgetBytes: 25 * 1024,
  },
  worker: {
    member: "worker",
    file: "dist/index.js",
    metafile: "dist/bundle-meta.json",
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
 * The inputs of a built bundle (from its esbuild metafile, paths relative to `memberDir`) that
 * changed after `builtAt`: a non-empty list means the bundle no longer matches its sources.
 * An input that is gone counts as changed.
 */
export async function changedInputs(
  memberDir: string,
  metafilePath: string,
  builtAt: Date,
): Promise<string[]> {
  const { inputs } = JSON.parse(await Deno.readTextFile(metafilePath)) as {
    inputs: Record<string, unknown>;
  };
  const changed: string[] = [];
  for (const input of Object.keys(inputs)) {
    if (input.startsWith("<")) continue; // esbuild's virtual modules, e.g. <runtime>
    const stat = await Deno.stat(join(memberDir, input)).catch(() => null);
    if (stat === null || (stat.mtime !== null && stat.mtime > builtAt)) changed.push(input);
  }
  return changed;
}

/**
 * Measures bundle `name` as its member's build wrote it.
 *
 * @throws {Error} When the bundle or its metafile is missing, or a source changed after it was
 *   built (the message names `npm run build`).
 */
export async function measureBundleSize(
  name: BundleName,
  options: BundleOptions = {},
): Promise<BundleFigure> {
  const { member, file, metafile, budgetBytes } = BUNDLES[name];
  const memberDir = new URL(`${member}/`, options.appsDir ?? APPS_DIR).pathname;
  const path = join(memberDir, file);
  const rebuild = "run npm run build (turbo builds it before npm run bench)";
  const stat = await Deno.stat(path).catch(() => null);
  const metafileStat = await Deno.stat(join(memberDir, metafile)).catch(() => null);
  if (stat === null || metafileStat === null) {
    throw new Error(
      `Measuring the ${name} bundle failed: apps/${member}/${file} is not built; ${rebuild}.`,
    );
  }
  const changed = await changedInputs(
    memberDir,
    join(memberDir, metafile),
    stat.mtime ?? new Date(0),
  );
  if (changed.length > 0) {
    throw new Error(
      `Measuring the ${name} bundle failed: apps/${member}/${file} is older than ${changed.length} ` +
        `of its sources (${changed.slice(0, 3).join(", ")}${
          changed.length > 3 ? ", …" : ""
        }); ${rebuild}.`,
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
