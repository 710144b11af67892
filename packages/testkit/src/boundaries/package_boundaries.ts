/**
 * The rule that keeps the workspace's packages apart: code in one package (`apps/<name>/` or
 * `packages/<name>/`) reaches another package only by its name (`@spkey/…`, through the other
 * package's exports), never by a relative path. A relative path into another package's folders
 * couples the two at a file layout that the other package does not promise, and hides the
 * dependency from the package manifests.
 *
 * What counts as a reference: the specifier of a static `import`/`export … from`, a side-effect
 * `import "…"`, a dynamic `import("…")` and `import.meta.resolve("…")` (string literals only), and
 * `new URL("…", import.meta.url)` when it names a code file (`.ts`, `.tsx`, `.js`, `.mjs`, `.jsx`,
 * `.json`): such a URL is how a script is handed to a subprocess. A URL of a folder (a working
 * directory, the repository root) is not code and is allowed.
 *
 * @module
 */

/** One reference from a file to a specifier. */
export interface Reference {
  specifier: string;
  /** `new URL(…, import.meta.url)` rather than an import. */
  fileUrl: boolean;
}

/** A relative reference that leaves its package. */
export interface BoundaryViolation {
  /** The referring file, relative to the repository root. */
  file: string;
  specifier: string;
  /** The package folder the specifier lands in, or `null` outside every package. */
  target: string | null;
}

const IMPORT_PATTERNS: RegExp[] = [
  // import x from "…", import { a } from "…", export { a } from "…", export * from "…"
  /\b(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']/g,
  // import "…" (side effects only)
  /\bimport\s*["']([^"']+)["']/g,
  // import("…"), import.meta.resolve("…")
  /\bimport\s*\(\s*["']([^"']+)["']/g,
  /\bimport\.meta\.resolve\s*\(\s*["']([^"']+)["']/g,
];
const FILE_URL_PATTERN = /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g;
const CODE_FILE = /\.(?:ts|tsx|js|mjs|jsx|json)$/;

/**
 * Every import-like specifier in `source`, and every `new URL(…, import.meta.url)` of a code
 * file. Comments are read too: a doc example's imports run in doc tests.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { referencesIn } from "./package_boundaries.ts";
 * const source = 'import { a } from "./a.ts";\nconst m = await import("../b/mod.ts");';
 * assertEquals(referencesIn(source).map((r) => r.specifier), ["./a.ts", "../b/mod.ts"]);
 * ```
 */
export function referencesIn(source: string): Reference[] {
  const found: Array<Reference & { at: number }> = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of source.matchAll(pattern)) {
      found.push({ specifier: match[1], fileUrl: false, at: match.index + match[0].length });
    }
  }
  for (const match of source.matchAll(FILE_URL_PATTERN)) {
    if (CODE_FILE.test(match[1])) {
      found.push({ specifier: match[1], fileUrl: true, at: match.index + match[0].length });
    }
  }
  // In source order; one match per place (the patterns overlap on nothing but keep it safe).
  const seen = new Set<number>();
  return found.sort((a, b) => a.at - b.at).filter(({ at }) => !seen.has(at) && seen.add(at))
    .map(({ specifier, fileUrl }) => ({ specifier, fileUrl }));
}

/**
 * The package folder (`apps/<name>` or `packages/<name>`) that holds `path`, else `null`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { packageOf } from "./package_boundaries.ts";
 * assertEquals(packageOf("apps/bench/src/stats.ts"), "apps/bench");
 * assertEquals(packageOf("deno.json"), null);
 * ```
 */
export function packageOf(path: string): string | null {
  const parts = path.split("/");
  return (parts[0] === "apps" || parts[0] === "packages") && parts.length >= 3
    ? `${parts[0]}/${parts[1]}`
    : null;
}

/** `specifier` (relative) resolved against the folder of `file`, both repository-relative. */
function resolveRelative(file: string, specifier: string): string {
  const parts = file.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

/**
 * The relative references in `files` (repository-relative paths with their text) that land
 * outside the package of the file that makes them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { crossPackageReferences } from "./package_boundaries.ts";
 * const files = [{ path: "apps/bench/src/x.ts", source: 'import "../../worker/tools/y.ts";' }];
 * assertEquals(crossPackageReferences(files), [
 *   { file: "apps/bench/src/x.ts", specifier: "../../worker/tools/y.ts", target: "apps/worker" },
 * ]);
 * ```
 */
export function crossPackageReferences(
  files: ReadonlyArray<{ path: string; source: string }>,
): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  for (const { path, source } of files) {
    const home = packageOf(path);
    if (home === null) continue;
    for (const { specifier } of referencesIn(source)) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const target = packageOf(resolveRelative(path, specifier) + "/");
      if (target !== home) violations.push({ file: path, specifier, target });
    }
  }
  return violations;
}

/** The source files (`.ts`, `.tsx`, `.js`, `.mjs`, `.jsx`) under `apps/` and `packages/`. */
const SOURCE_FILE = /\.(?:ts|tsx|js|mjs|jsx)$/;

/**
 * The source files of the packages in the repository at `root`, as git lists them: tracked and
 * untracked, without what `.gitignore` leaves out (`node_modules`, build output).
 */
export async function workspaceSourceFiles(root: string): Promise<string[]> {
  const { code, stdout, stderr } = await new Deno.Command("git", {
    args: [
      "ls-files",
      "-z",
      "--cached",
      "--others",
      "--exclude-standard",
      "--",
      "apps",
      "packages",
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`git ls-files failed: ${new TextDecoder().decode(stderr)}`);
  const listed = new TextDecoder().decode(stdout).split("\0").filter((path) => path !== "");
  const present: string[] = [];
  for (const path of new Set(listed)) {
    if (!SOURCE_FILE.test(path)) continue;
    // A file deleted in the work tree but not yet in the index is still listed as cached.
    try {
      await Deno.stat(`${root}/${path}`);
      present.push(path);
    } catch {
      // Gone.
    }
  }
  return present.sort();
}
