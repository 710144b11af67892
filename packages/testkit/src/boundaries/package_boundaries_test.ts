import { assertEquals } from "@std/assert";
import {
  crossPackageReferences,
  packageOf,
  referencesIn,
  workspaceSourceFiles,
} from "./package_boundaries.ts";

Deno.test("referencesIn finds every kind of import specifier and code-file URLs", () => {
  const source = [
    'import { a } from "./a.ts";',
    'import type { B } from "../b.ts";',
    "import {",
    "  c,",
    "  d,",
    '} from "../../c/mod.ts";',
    'export { e } from "./e.ts";',
    'export * from "./f.ts";',
    'import "./side_effect.ts";',
    'import schema from "./schema.json" with { type: "json" };',
    'const lazy = await import("../lazy.ts");',
    'const resolved = import.meta.resolve("./resolved.ts");',
    'const script = new URL("../script.ts", import.meta.url);',
    'const folder = new URL("../../", import.meta.url);',
    'const bare = await import("@spkey/api");',
    "const dynamic = await import(name);",
  ].join("\n");
  assertEquals(referencesIn(source), [
    { specifier: "./a.ts", fileUrl: false },
    { specifier: "../b.ts", fileUrl: false },
    { specifier: "../../c/mod.ts", fileUrl: false },
    { specifier: "./e.ts", fileUrl: false },
    { specifier: "./f.ts", fileUrl: false },
    { specifier: "./side_effect.ts", fileUrl: false },
    { specifier: "./schema.json", fileUrl: false },
    { specifier: "../lazy.ts", fileUrl: false },
    { specifier: "./resolved.ts", fileUrl: false },
    { specifier: "../script.ts", fileUrl: true },
    { specifier: "@spkey/api", fileUrl: false },
  ]);
});

Deno.test("packageOf names the package folder of a path", () => {
  assertEquals(packageOf("packages/testkit/src/mod.ts"), "packages/testkit");
  assertEquals(packageOf("apps/edge/main.ts"), "apps/edge");
  assertEquals(packageOf("apps/edge"), null);
  assertEquals(packageOf(".ci/summary.mjs"), null);
});

Deno.test("crossPackageReferences flags relative references that leave their package", () => {
  // The way up is spliced in, so that this file holds no such reference itself (the repository
  // check below reads it too).
  const up = "../../../";
  const files = [
    {
      path: "apps/bench/src/load/run.ts",
      source: [
        'import { stats } from "../shared/stats.ts";', // same package: fine
        'import { api } from "@spkey/api";', // by name: fine
        `import { stack } from "${up}worker/tools/worker_stack.ts";`,
        `const probe = await import("${up}../packages/api/src/mod.ts");`,
        `const main = new URL("${up}edge/main.ts", import.meta.url);`,
        `const cwd = new URL("${up}edge/", import.meta.url);`, // a folder: fine
      ].join("\n"),
    },
    {
      path: "packages/contracts/src/turnkey/client_test.ts",
      source: `import { startTurnkeyStandin } from "${up}testkit/src/turnkey_standin.ts";`,
    },
    {
      path: "apps/edge/test/startup_graph_test.ts",
      // Out of every package (the repository root's own files), still across the boundary.
      source: `import config from "${up}deno.json" with { type: "json" };`,
    },
    { path: ".ci/check.ts", source: `import "${up}apps/edge/main.ts";` }, // not in a package
  ];
  assertEquals(crossPackageReferences(files), [
    {
      file: "apps/bench/src/load/run.ts",
      specifier: `${up}worker/tools/worker_stack.ts`,
      target: "apps/worker",
    },
    {
      file: "apps/bench/src/load/run.ts",
      specifier: `${up}../packages/api/src/mod.ts`,
      target: "packages/api",
    },
    { file: "apps/bench/src/load/run.ts", specifier: `${up}edge/main.ts`, target: "apps/edge" },
    {
      file: "packages/contracts/src/turnkey/client_test.ts",
      specifier: `${up}testkit/src/turnkey_standin.ts`,
      target: "packages/testkit",
    },
    { file: "apps/edge/test/startup_graph_test.ts", specifier: `${up}deno.json`, target: null },
  ]);
});

Deno.test("workspaceSourceFiles lists tracked and new source files, not ignored ones", async () => {
  const root = await Deno.makeTempDir({ prefix: "spkey-boundaries-" });
  try {
    const git = async (...args: string[]) => {
      const { code, stderr } = await new Deno.Command("git", { args, cwd: root, stderr: "piped" })
        .output();
      assertEquals(code, 0, new TextDecoder().decode(stderr));
    };
    await git("init", "-q");
    await Deno.mkdir(`${root}/apps/a/src`, { recursive: true });
    await Deno.mkdir(`${root}/apps/a/node_modules/x`, { recursive: true });
    await Deno.writeTextFile(`${root}/.gitignore`, "node_modules\n");
    await Deno.writeTextFile(`${root}/apps/a/src/tracked.ts`, "");
    await Deno.writeTextFile(`${root}/apps/a/README.md`, "");
    await git("add", "-A");
    await Deno.writeTextFile(`${root}/apps/a/src/new.ts`, "");
    await Deno.writeTextFile(`${root}/apps/a/node_modules/x/index.js`, "");
    await Deno.writeTextFile(`${root}/top.ts`, "");
    assertEquals(await workspaceSourceFiles(root), ["apps/a/src/new.ts", "apps/a/src/tracked.ts"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("no relative import crosses a package boundary in this repository", async () => {
  const { stdout } = await new Deno.Command("git", {
    args: ["rev-parse", "--show-toplevel"],
    cwd: new URL(".", import.meta.url),
  }).output();
  const root = new TextDecoder().decode(stdout).trim();
  const paths = await workspaceSourceFiles(root);
  // Guards against a listing that silently finds nothing (and so passes).
  assertEquals(paths.includes("packages/testkit/src/boundaries/package_boundaries.ts"), true);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, source: await Deno.readTextFile(`${root}/${path}`) })),
  );
  const found = crossPackageReferences(files).map(({ file, specifier }) =>
    `${file} -> ${specifier}`
  );
  assertEquals(found, [], `Import these by package name instead:\n${found.join("\n")}`);
});
