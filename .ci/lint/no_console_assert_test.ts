import { assertEquals, assertStringIncludes } from "@std/assert";
import plugin from "./no_console_assert.ts";

const RULE = "spkey/no-console-assert";
const ROOT_CONFIG = new URL("../../deno.json", import.meta.url);

/** The lines (1-based) the rule reports in `source`, linted as if it were at `path`. */
function reportedLines(source: string, path = "/repo/apps/widget/src/example.ts"): number[] {
  return Deno.lint.runPlugin(plugin, path, source)
    .filter((d) => d.id === RULE)
    .map((d) => source.slice(0, d.range[0]).split("\n").length)
    .sort((a, b) => a - b);
}

const DOC_EXAMPLE = `/**
 * Adds one.
 *
 * @example
 * \`\`\`ts
 * import { addOne } from "./add_one.ts";
 * console.assert(addOne(1) === 3);
 * \`\`\`
 */
export function addOne(n: number): number {
  return n + 1;
}
`;

Deno.test("a console.assert in a doc example is reported on its line", () => {
  assertEquals(reportedLines(DOC_EXAMPLE), [7]);
});

Deno.test("console.assert in code is reported, however it is spelled", () => {
  const source = [
    "console.assert(1 === 2);",
    'console["assert"](false);',
    "console?.assert(false);",
    "const check = console.assert;",
    "// console .assert(false) in a line comment",
    "/* console['assert'](false) in a block comment */",
  ].join("\n");
  assertEquals(reportedLines(source), [1, 2, 3, 4, 5, 6]);
});

Deno.test("examples that assert with @std/assert, and other console calls, are not reported", () => {
  const source = `/**
 * @example
 * \`\`\`ts
 * import { assertEquals } from "@std/assert";
 * import { addOne } from "./add_one.ts";
 * assertEquals(addOne(1), 2);
 * console.log("console.assertions are not this"); // a string, not a call
 * \`\`\`
 */
export const assertion = "console.assert";
console.log(assertion);
`;
  assertEquals(reportedLines(source), []);
});

Deno.test("deno lint with the root deno.json fails on a planted console.assert, and passes without it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const planted = `${dir}/planted.ts`;
    await Deno.writeTextFile(planted, DOC_EXAMPLE);
    const failed = await lint(planted);
    assertEquals(failed.code, 1);
    assertStringIncludes(failed.output, RULE);
    assertStringIncludes(failed.output, "planted.ts:7:");

    await Deno.writeTextFile(
      planted,
      DOC_EXAMPLE.replace(
        " * console.assert(addOne(1) === 3);",
        ' * import { assertEquals } from "@std/assert";\n * assertEquals(addOne(1), 2);',
      ),
    );
    const passed = await lint(planted);
    assertEquals(passed, { code: 0, output: passed.output });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function lint(file: string): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["lint", "--config", ROOT_CONFIG.pathname, file],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, output: text.decode(stdout) + text.decode(stderr) };
}
