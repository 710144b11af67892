/**
 * Builds the npm distribution of `@spkey/contracts` into `dist/`, for runtimes that cannot load
 * TypeScript (Node 20) and for TypeScript consumers:
 *
 * - `dist/**\/*.js`: every non-test module of `src/`, transpiled one file at a time by esbuild
 *   (ESM, no bundling), with relative `.ts` import specifiers rewritten to `.js`;
 * - `dist/**\/*.d.ts`: declarations emitted by TypeScript (`tsconfig.build.json`), same rewrite.
 *   TypeScript is resolved the way Node resolves it from this package (node_modules, NODE_PATH).
 *   Without it the JavaScript is still built and a warning says the declarations were skipped.
 *
 * Deno and the workspace siblings keep importing `src/` directly (deno.json `exports`, and the
 * `deno`/`default` conditions of package.json); only Node's `node` condition and `types` use dist.
 *
 * Run: `deno task build` (or `deno run -A scripts/build.ts`).
 *
 * @module
 */
import { dirname, join, relative } from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The package directory (parent of scripts/). */
export const PACKAGE_DIR: string = dirname(dirname(fileURLToPath(import.meta.url)));

/** What a build produced. */
export interface BuildResult {
  /** Output directory. */
  outDir: string;
  /** JavaScript files written, relative to `outDir`. */
  javascript: string[];
  /** Declaration files written, relative to `outDir` (empty when TypeScript is missing). */
  declarations: string[];
  /** Why declarations were skipped, if they were. */
  declarationsSkipped?: string;
}

/** Builds `src/` into `outDir` (default `dist/`), replacing what was there. */
export async function build(outDir: string = join(PACKAGE_DIR, "dist")): Promise<BuildResult> {
  const srcDir = join(PACKAGE_DIR, "src");
  await Deno.remove(outDir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  const sources = (await listFiles(srcDir)).filter((f) => f.endsWith(".ts") && !isTest(f));
  await run(findUp("node_modules/.bin/esbuild"), [
    ...sources.map((f) => join(srcDir, f)),
    `--outdir=${outDir}`,
    `--outbase=${srcDir}`,
    "--format=esm",
    "--platform=neutral",
    "--target=es2022",
    "--log-level=warning",
  ]);
  const javascript = (await listFiles(outDir)).filter((f) => f.endsWith(".js"));
  for (const file of javascript) await rewriteSpecifiers(join(outDir, file));

  const tsc = resolveTypeScript();
  if (tsc === undefined) {
    const reason = "TypeScript is not installed (add the `typescript` devDependency)";
    console.warn(`Warning: skipped dist/*.d.ts declarations: ${reason}.`);
    return { outDir, javascript, declarations: [], declarationsSkipped: reason };
  }
  await run("node", [
    tsc,
    "-p",
    join(PACKAGE_DIR, "tsconfig.build.json"),
    "--outDir",
    outDir,
  ]);
  const declarations = (await listFiles(outDir)).filter((f) => f.endsWith(".d.ts"));
  for (const file of declarations) await rewriteSpecifiers(join(outDir, file));
  return { outDir, javascript, declarations };
}

function isTest(file: string): boolean {
  return /_test\.ts$/.test(file);
}

/** Rewrites relative `.ts` specifiers (`from "./x.ts"`, `import("./x.ts")`) to `.js`. */
async function rewriteSpecifiers(path: string): Promise<void> {
  const text = await Deno.readTextFile(path);
  const rewritten = text.replace(
    /((?:from|import)\s*\(?\s*)(["'])(\.\.?\/[^"']+)\.ts\2/g,
    (_, lead, quote, stem) => `${lead}${quote}${stem}.js${quote}`,
  );
  if (rewritten !== text) await Deno.writeTextFile(path, rewritten);
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(current: string) {
    for await (const entry of Deno.readDir(current)) {
      const path = join(current, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) files.push(relative(dir, path));
    }
  }
  await walk(dir);
  return files.sort();
}

/** The nearest `path` in this package's directory or any parent (the npm workspace root). */
function findUp(path: string): string {
  for (let dir = PACKAGE_DIR;; dir = dirname(dir)) {
    const candidate = join(dir, path);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`Cannot build: ${path} not found; run npm install`);
  }
}

/** `typescript/lib/tsc.js` as Node would resolve it from this package, if installed. */
function resolveTypeScript(): string | undefined {
  const result = new Deno.Command("node", {
    args: ["-p", "require.resolve('typescript/lib/tsc.js')"],
    cwd: PACKAGE_DIR,
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  return result.success ? new TextDecoder().decode(result.stdout).trim() : undefined;
}

async function run(command: string, args: string[]): Promise<void> {
  const { success, code, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd: PACKAGE_DIR,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!success) {
    const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    throw new Error(`Cannot build: ${command.split("/").pop()} exited with ${code}\n${output}`);
  }
}

if (import.meta.main) {
  const result = await build();
  console.log(
    `Built ${result.javascript.length} .js and ${result.declarations.length} .d.ts files into ${
      relative(Deno.cwd(), result.outDir) || "."
    }`,
  );
}
