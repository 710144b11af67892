// Publishing metadata of @spkey/contracts, checked offline: `deno publish --dry-run` accepts the
// package (JSR), and deno.json and package.json (npm) agree on name, version, license and every
// export subpath, so Deno, Node and bundler users import the same modules.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";

const root = new URL("../", import.meta.url);
const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
const packageJson = JSON.parse(await Deno.readTextFile(new URL("package.json", root)));

Deno.test("deno.json and package.json agree on name, version and license", () => {
  assertEquals(denoJson.name, "@spkey/contracts");
  assertEquals(packageJson.name, denoJson.name);
  assertEquals(packageJson.version, denoJson.version);
  assertEquals(packageJson.license, denoJson.license);
  assert(/^\d+\.\d+\.\d+$/.test(denoJson.version), "a plain semver version");
});

Deno.test("every export subpath exists in both manifests and points at the same source", async () => {
  const denoExports = denoJson.exports as Record<string, string>;
  const npmExports = packageJson.exports as Record<string, string | Record<string, string>>;
  assertEquals(Object.keys(npmExports).sort(), Object.keys(denoExports).sort());
  for (const [subpath, source] of Object.entries(denoExports)) {
    const conditions = npmExports[subpath];
    if (source.endsWith(".json")) {
      // A JSON Schema file is the same file for every runtime: no conditions, no build.
      assertEquals(conditions, source, `${subpath}: one target for every condition`);
      assertEquals(subpath, source, `${subpath}: exported under its own path`);
      await Deno.stat(new URL(source, root));
      continue;
    }
    assert(typeof conditions === "object", `${subpath}: conditions for the TypeScript source`);
    assertEquals(conditions.deno, source, `${subpath}: the deno condition`);
    assertEquals(conditions.default, source, `${subpath}: the default condition`);
    const built = source.replace(/^\.\/src\//, "./dist/").replace(/\.ts$/, "");
    assertEquals(conditions.node, `${built}.js`, `${subpath}: the node condition`);
    assertEquals(conditions.types, `${built}.d.ts`, `${subpath}: the types condition`);
    await Deno.stat(new URL(source, root)); // the source exists
  }
  assertEquals(packageJson.sideEffects, false);
  assertEquals(Object.keys(packageJson.dependencies).sort(), ["@noble/curves", "zod"]);
});

Deno.test("every file under schemas/ is exported by both manifests and packed for npm", async () => {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL("schemas/", root))) files.push(entry.name);
  assert(files.length > 0, "schemas/ holds the generated files");
  const exported = Object.keys(denoJson.exports).filter((subpath) =>
    subpath.startsWith("./schemas/")
  );
  assertEquals(exported.sort(), files.map((name) => `./schemas/${name}`).sort());
  assert(packageJson.files.includes("schemas"), "package.json files lists schemas");
});

Deno.test("the package has a README and deno publish --dry-run accepts it offline, slow types included", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", root));
  assertStringIncludes(readme, "@spkey/contracts");
  const output = await new Deno.Command(Deno.execPath(), {
    // No --allow-slow-types: every exported schema and function has an explicit type, so JSR
    // need not infer one (src/_exact.ts keeps each schema's written type identical to its own).
    args: ["publish", "--dry-run", "--allow-dirty"],
    cwd: root,
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 0, text);
  assertStringIncludes(text, "Checking for slow types in the public API");
  assertStringIncludes(text, "Dry run complete");
  assertStringIncludes(text, "src/stamp/mod.ts");
  assertStringIncludes(text, "schemas/diagnostics-report.schema.json");
  assert(!/_test\.ts|\/test\/|\/bench\//.test(text), "tests and benchmarks are not published");
});
