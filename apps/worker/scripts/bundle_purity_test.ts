import { assertEquals, assertStringIncludes } from "@std/assert";
import { describeRuntimeLeaks, findRuntimeLeaks } from "./bundle_purity.ts";

const leaking: Array<[string, string, string[]]> = [
  ["a Deno API call", "const v = Deno.env.get('X');", ["uses the Deno namespace"]],
  ["a node:sqlite import", 'import { open } from "node:sqlite";', ["imports node:sqlite"]],
  [
    "DatabaseSync from node:sqlite",
    'import { DatabaseSync } from "node:sqlite";',
    ["imports node:sqlite", "uses node:sqlite's DatabaseSync"],
  ],
  ["a bare DatabaseSync", "new DatabaseSync(path)", ["uses node:sqlite's DatabaseSync"]],
  [
    "the OpenTelemetry API's global",
    'var k = Symbol.for("opentelemetry.js.api.1");',
    ["bundles the OpenTelemetry API"],
  ],
  ["an @opentelemetry import", 'import { trace } from "@opentelemetry/api";', [
    "bundles the OpenTelemetry API",
  ]],
];

for (const [what, code, reasons] of leaking) {
  Deno.test(`findRuntimeLeaks reports ${what}`, () => {
    assertEquals(findRuntimeLeaks(code).map((leak) => leak.reason), reasons);
  });
}

const clean: Array<[string, string]> = [
  ["a runtime probe without the namespace", 'if (typeof Deno !== "undefined") {}'],
  ["a name that merely ends in Deno", "const isDeno = noDeno.x;"],
  ["node:crypto", 'import { webcrypto } from "node:crypto";'],
];

for (const [what, code] of clean) {
  Deno.test(`findRuntimeLeaks accepts ${what}`, () => {
    assertEquals(findRuntimeLeaks(code), []);
  });
}

Deno.test("findRuntimeLeaks gives the 1-based line and a trimmed excerpt", () => {
  const [leak] = findRuntimeLeaks('// ok\n\n   Deno.serve(() => new Response("x"));  \n');
  assertEquals(leak, {
    reason: "uses the Deno namespace",
    line: 3,
    excerpt: 'Deno.serve(() => new Response("x"));',
  });
});

Deno.test("describeRuntimeLeaks names the file, the count and every line", () => {
  const text = describeRuntimeLeaks("dist/index.js", findRuntimeLeaks("Deno.exit(1)\nnode:sqlite"));
  assertStringIncludes(text, "dist/index.js reaches for another runtime (2 finding(s))");
  assertStringIncludes(text, "line 1: uses the Deno namespace: Deno.exit(1)");
  assertStringIncludes(text, "line 2: imports node:sqlite: node:sqlite");
});
