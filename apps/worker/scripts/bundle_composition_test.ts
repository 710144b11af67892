import { assertEquals, assertThrows } from "@std/assert";
import {
  bundledInputs,
  type BundleMetafile,
  bytesByPackage,
  importsOf,
  packageOf,
} from "./bundle_composition.ts";

const ZOD_CORE = "../../node_modules/zod/v4/core/index.js";
const TRIMMED_LOCALES = "src/zod_aliases/locales.ts";

const metafile: BundleMetafile = {
  inputs: {
    [ZOD_CORE]: {
      imports: [{ path: TRIMMED_LOCALES, original: "../locales/index.js" }, { path: "<runtime>" }],
    },
    [TRIMMED_LOCALES]: { imports: [{ path: "../../node_modules/zod/v4/locales/en.js" }] },
    "src/index.ts": {
      imports: [
        { path: ZOD_CORE, original: "zod", kind: "import-statement" },
        { path: TRIMMED_LOCALES, original: "./zod_aliases/locales.ts", kind: "dynamic-import" },
      ],
    },
  },
  outputs: {
    "dist/index.js.map": { inputs: {} },
    "dist/index.js": {
      inputs: {
        [ZOD_CORE]: { bytesInOutput: 300 },
        "../../node_modules/zod/v4/locales/en.js": { bytesInOutput: 200 },
        "../../node_modules/@noble/hashes/sha2.js": { bytesInOutput: 100 },
        "../../packages/api/src/app.ts": { bytesInOutput: 400 },
        "src/index.ts": { bytesInOutput: 50 },
        [TRIMMED_LOCALES]: { bytesInOutput: 0 },
      },
    },
  },
};

Deno.test("packageOf names npm packages (scoped too, nested last) and workspace members", () => {
  assertEquals(packageOf("../../node_modules/zod/v4/core/api.js"), "zod");
  assertEquals(
    packageOf("../../node_modules/@hono/zod-openapi/dist/index.mjs"),
    "@hono/zod-openapi",
  );
  assertEquals(packageOf("../../node_modules/a/node_modules/b/index.js"), "b");
  assertEquals(packageOf("../../packages/contracts/src/stamp/_encoding.ts"), "packages/contracts");
  assertEquals(packageOf("src/zod_aliases/locales.ts"), "apps/worker");
});

Deno.test("bytesByPackage sums the .js output's inputs per package, largest first", () => {
  assertEquals(Object.entries(bytesByPackage(metafile)), [
    ["zod", 500],
    ["packages/api", 400],
    ["@noble/hashes", 100],
    ["apps/worker", 50],
  ]);
});

Deno.test("bundledInputs refuses a metafile without exactly one .js output", () => {
  assertThrows(
    () => bundledInputs({ inputs: {}, outputs: {} }),
    Error,
    "Reading the bundle metafile failed: expected one .js output, found 0.",
  );
});

Deno.test("importsOf lists each importer with the path as written there and the kind", () => {
  assertEquals(importsOf(metafile, TRIMMED_LOCALES), [
    { importer: ZOD_CORE, original: "../locales/index.js", kind: "import-statement" },
    { importer: "src/index.ts", original: "./zod_aliases/locales.ts", kind: "dynamic-import" },
  ]);
  assertEquals(importsOf(metafile, ZOD_CORE), [
    { importer: "src/index.ts", original: "zod", kind: "import-statement" },
  ]);
  assertEquals(importsOf(metafile, "src/absent.ts"), []);
});
