/**
 * What the Worker bundle is made of, from the esbuild metafile wrangler writes (`--metafile`):
 * bytes per package in the output, and who imports a given module. The bundle test uses it to
 * keep the zod trimming (the `alias` in `wrangler.jsonc`) honest; the build writes the per-package
 * figures to `dist/size.json`.
 *
 * Input paths in the metafile are relative to apps/worker (wrangler's working directory), e.g.
 * `../../node_modules/zod/v4/core/api.js`, `../../packages/api/src/app.ts`, `src/index.ts`.
 *
 * @module
 */

/** The part of an esbuild metafile read here. */
export interface BundleMetafile {
  inputs: Record<
    string,
    { imports: Array<{ path: string; original?: string; kind?: string }> }
  >;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

/**
 * One import of a module: the importing file, the path as it was written there, and esbuild's
 * kind of import (`import-statement`, `dynamic-import`, …).
 */
export interface ModuleImport {
  importer: string;
  original: string;
  kind: string;
}

/** Reads the metafile at `path`. */
export async function readMetafile(path: string): Promise<BundleMetafile> {
  return JSON.parse(await Deno.readTextFile(path)) as BundleMetafile;
}

/**
 * Bytes each input contributes to the bundle's one `.js` output.
 *
 * @throws {Error} When the metafile has no `.js` output or more than one.
 */
export function bundledInputs(metafile: BundleMetafile): Record<string, number> {
  const scripts = Object.entries(metafile.outputs).filter(([path]) => path.endsWith(".js"));
  if (scripts.length !== 1) {
    throw new Error(
      `Reading the bundle metafile failed: expected one .js output, found ${scripts.length}.`,
    );
  }
  return Object.fromEntries(
    Object.entries(scripts[0][1].inputs).map(([path, input]) => [path, input.bytesInOutput]),
  );
}

/**
 * The package an input belongs to: its npm name, or the workspace member's folder.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { packageOf } from "./bundle_composition.ts";
 * assertEquals(packageOf("../../node_modules/@noble/curves/abstract/curve.js"), "@noble/curves");
 * assertEquals(packageOf("../../packages/api/src/app.ts"), "packages/api");
 * assertEquals(packageOf("src/index.ts"), "apps/worker");
 * ```
 */
export function packageOf(input: string): string {
  const inNodeModules = input.lastIndexOf("node_modules/");
  if (inNodeModules >= 0) {
    const [scopeOrName, name] = input.slice(inNodeModules + "node_modules/".length).split("/");
    return scopeOrName.startsWith("@") ? `${scopeOrName}/${name}` : scopeOrName;
  }
  const fromRoot = input.match(/^\.\.\/\.\.\/([^/]+\/[^/]+)\//);
  return fromRoot ? fromRoot[1] : "apps/worker";
}

/** Bytes in the bundle per package, largest first. */
export function bytesByPackage(metafile: BundleMetafile): Record<string, number> {
  const totals = new Map<string, number>();
  for (const [input, bytes] of Object.entries(bundledInputs(metafile))) {
    const name = packageOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytes);
  }
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]));
}

/** Every import of the module `input` (a metafile input path), in metafile order. */
export function importsOf(metafile: BundleMetafile, input: string): ModuleImport[] {
  const found: ModuleImport[] = [];
  for (const [importer, { imports }] of Object.entries(metafile.inputs)) {
    for (const { path, original, kind } of imports) {
      if (path === input) {
        found.push({ importer, original: original ?? path, kind: kind ?? "import-statement" });
      }
    }
  }
  return found;
}
