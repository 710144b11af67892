/**
 * The whole-tree gates, run from the repository root: `deno fmt --check`, `deno lint` (with the
 * repository's own rule, `spkey/no-console-assert`) and `deno check --doc` (every file and every
 * doc example). Each gate is a test, so a finding fails `npm test` and is counted as failed in the
 * `N passed, N failed` line `.ci/run` ends with. The members' own `lint` and `check` tasks only
 * see their own folders; these see the root's files too (`.ci/`, `packages/std-assert`).
 *
 * @module
 */
import { assert, assertEquals } from "@std/assert";

const ROOT = new URL("../", import.meta.url);

/** What the root deno.json excludes, plus git's own folder: what the walk below skips. */
const SKIPPED_DIRS = new Set([
  ".git",
  "node_modules",
  "dist",
  ".wrangler",
  ".turbo",
  "test-output",
  "bench-output",
]);

async function denoAtRoot(...args: string[]): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, output: text.decode(stdout) + text.decode(stderr) };
}

/** Every TypeScript file of the tree, relative to the root. */
async function typeScriptFiles(dir: URL = ROOT, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory && !SKIPPED_DIRS.has(entry.name)) {
      files.push(...await typeScriptFiles(new URL(`${entry.name}/`, dir), `${path}/`));
    } else if (entry.isFile && /\.(?:ts|tsx|mts|cts)$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

Deno.test("deno fmt --check finds nothing to format in the whole tree", async () => {
  const { code, output } = await denoAtRoot("fmt", "--check");
  assertEquals(code, 0, output);
});

Deno.test("deno lint finds no problem in the whole tree", async () => {
  const { code, output } = await denoAtRoot("lint");
  assertEquals(code, 0, output);
});

Deno.test("deno check --doc type-checks every TypeScript file and doc example of the tree", async () => {
  const { code, output } = await denoAtRoot("check", "--doc");
  assertEquals(code, 0, output);
  // With no arguments, deno check takes every member's files from the workspace: prove that
  // nothing is left out (a new folder, an exclude that reaches too far).
  const checked = new Set(output.match(/^Check \S+$/gm)?.map((line) => line.slice(6)));
  const files = await typeScriptFiles();
  assert(files.length > 300, `found only ${files.length} TypeScript files`);
  assertEquals(files.filter((file) => !checked.has(file)), []);
});
