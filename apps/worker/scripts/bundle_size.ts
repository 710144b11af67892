/**
 * Measures the deployable Worker bundle: raw, minified (esbuild) and gzip sizes, against this
 * project's budget (120 KiB gzip) and the Workers script size limit (3 MiB gzip on the free plan).
 *
 * @module
 */
import { nodeModulesPath } from "./node_modules_path.ts";

/** The gzip size Cloudflare accepts for a Worker on the free plan. */
export const WORKER_GZIP_LIMIT_BYTES = 3 * 1024 * 1024;

/**
 * This project's budget for the deployed bundle, gzip: small enough for fast cold starts and
 * uploads, with room left under the limit (see "Bundle size" in README.md).
 */
export const WORKER_GZIP_BUDGET_BYTES = 120 * 1024;

/** Sizes of one bundle, in bytes. */
export interface BundleSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  minifiedBytes: number;
  minifiedGzipBytes: number;
  gzipBudgetBytes: number;
  gzipLimitBytes: number;
}

/** The gzip-compressed length of `bytes`. */
export async function gzipLength(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/**
 * `code` minified by the workspace's esbuild: what `wrangler deploy --minify` would ship. The
 * Worker's own bundle is minified already (wrangler.jsonc `minify`), so for it this is a check.
 */
export async function minify(code: Uint8Array): Promise<Uint8Array> {
  const child = new Deno.Command(nodeModulesPath("esbuild/bin/esbuild"), {
    args: ["--minify", "--format=esm", "--log-level=error"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(code);
  await writer.close();
  const { code: exit, stdout, stderr } = await child.output();
  if (exit !== 0) {
    throw new Error(
      `Minifying the Worker bundle failed: ${new TextDecoder().decode(stderr).trim()}`,
    );
  }
  return stdout;
}

/** Measures the bundle at `path` (named `file` in the result). */
export async function measureBundle(path: string, file: string): Promise<BundleSize> {
  const raw = await Deno.readFile(path);
  const minified = await minify(raw);
  return {
    file,
    rawBytes: raw.byteLength,
    gzipBytes: await gzipLength(raw),
    minifiedBytes: minified.byteLength,
    minifiedGzipBytes: await gzipLength(minified),
    gzipBudgetBytes: WORKER_GZIP_BUDGET_BYTES,
    gzipLimitBytes: WORKER_GZIP_LIMIT_BYTES,
  };
}

/**
 * One line summarising `size`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatBundleSize } from "./bundle_size.ts";
 * const line = formatBundleSize({
 *   file: "dist/index.js", rawBytes: 2048, gzipBytes: 1024, minifiedBytes: 1536,
 *   minifiedGzipBytes: 512, gzipBudgetBytes: 122880, gzipLimitBytes: 3145728,
 * });
 * assertEquals(line, "Worker bundle dist/index.js: raw 2.0 KiB, minified 1.5 KiB, gzip 1.0 KiB, minified+gzip 0.5 KiB (budget 120.0 KiB gzip, limit 3072.0 KiB gzip)");
 * ```
 */
export function formatBundleSize(size: BundleSize): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return `Worker bundle ${size.file}: raw ${kib(size.rawBytes)}, minified ${
    kib(size.minifiedBytes)
  }, gzip ${kib(size.gzipBytes)}, minified+gzip ${kib(size.minifiedGzipBytes)} (budget ${
    kib(size.gzipBudgetBytes)
  } gzip, limit ${kib(size.gzipLimitBytes)} gzip)`;
}
