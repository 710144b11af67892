/**
 * Bundle sizes against their budgets: the widget (`apps/widget/dist/spkey-widget.js`, 25 KiB
 * gzip) and the deployable Worker (`apps/worker/dist/index.js`, 120 KiB gzip; what
 * `wrangler deploy` uploads and Cloudflare counts). A missing bundle is built with its member's
 * own `deno task build` (never silently skipped); a build failure is an error.
 *
 * Sizes use the Worker member's own measuring code (gzip through `CompressionStream`, and an
 * esbuild-minified variant), so both members and this report count bytes the same way.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { gzipLength, measureBundle } from "@spkey/worker/testing";

const APPS_DIR = new URL("../../../", import.meta.url);

/** The bundles, where they are built, and their gzip budgets. */
export const BUNDLES = {
  widget: { member: "widget", file: "dist/spkey-widget.js", budgetBytes: 25 * 1024 },
  worker: { member: "worker", file: "dist/index.js", budgetBytes: 120 * 1024 },
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
  /** True when this run had to build it; false when it was measured as found. */
  builtNow: boolean;
  /** When the measured file was written. */
  modifiedAt: string | null;
}

/** Where the members live: `apps/` of this repository unless a test says otherwise. */
export interface BundleOptions {
  appsDir?: URL;
}

/** The absolute path of a bundle. */
export function bundlePath(name: BundleName, options: BundleOptions = {}): string {
  const { member, file } = BUNDLES[name];
  return new URL(`${member}/${file}`, options.appsDir ?? APPS_DIR).pathname;
}

/**
 * Builds `name` with its member's `deno task build`.
 *
 * @throws {Error} When the build fails or does not produce the bundle.
 */
export async function buildBundle(name: BundleName, options: BundleOptions = {}): Promise<void> {
  const dir = new URL(`${BUNDLES[name].member}/`, options.appsDir ?? APPS_DIR).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "build"],
    cwd: dir,
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (code !== 0 || !existsSync(bundlePath(name, options))) {
    const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    throw new Error(
      `Building the ${name} bundle failed (deno task build in apps/${BUNDLES[name].member}, ` +
        `exit ${code}):\n${output.trim().split("\n").slice(-8).join("\n")}`,
    );
  }
}

/**
 * Measures bundle `name`, building it first when it is missing.
 *
 * @throws {Error} When it is missing and cannot be built.
 */
export async function measureBundleSize(
  name: BundleName,
  options: BundleOptions = {},
): Promise<BundleFigure> {
  const path = bundlePath(name, options);
  const builtNow = !existsSync(path);
  if (builtNow) await buildBundle(name, options);
  const { member, file, budgetBytes } = BUNDLES[name];
  const stat = await Deno.stat(path);
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
    builtNow,
    modifiedAt: stat.mtime?.toISOString() ?? null,
  };
}
