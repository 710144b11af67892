// deno-lint-ignore-file spkey/no-console-assert -- this file names what the rule looks for.
/**
 * Lint plugin `spkey`, rule `no-console-assert`: no `console.assert`, in code or in a doc
 * comment's example. A failing `console.assert` only prints "Assertion failed", so the test (or
 * the doc test that `deno test --doc` runs) still passes: examples assert with `@std/assert`.
 *
 * Doc examples are comments, which the AST does not hold as code, so the rule also reads every
 * comment's text, through `context.sourceCode`. Registered in the root `deno.json`, so `deno lint`
 * runs it at the root and in every member.
 *
 * @module
 */

const MESSAGE = "console.assert only prints when it fails, so the test still passes: " +
  "use assert or assertEquals from @std/assert.";

/** `console.assert`, `console?.assert` or `console["assert"]` (any spacing) in comment text. */
const IN_TEXT = /\bconsole\s*(?:\?\.|\.)\s*assert\b|\bconsole\s*\[\s*(["'`])assert\1\s*\]/g;

function isConsoleAssert(node: Deno.lint.MemberExpression): boolean {
  const { object, property } = node;
  if (object.type !== "Identifier" || object.name !== "console") return false;
  return node.computed
    ? property.type === "Literal" && property.value === "assert"
    : property.type === "Identifier" && property.name === "assert";
}

/** The plugin, as `deno lint` loads it (`lint.plugins` in the root `deno.json`). */
const plugin: Deno.lint.Plugin = {
  name: "spkey",
  rules: {
    "no-console-assert": {
      create(context) {
        return {
          MemberExpression(node) {
            if (isConsoleAssert(node)) context.report({ node, message: MESSAGE });
          },
          Program() {
            for (const comment of context.sourceCode.getAllComments()) {
              // `value` is the text after the comment's opening `//` or `/*`.
              const start = comment.range[0] + 2;
              for (const match of comment.value.matchAll(IN_TEXT)) {
                const at = start + match.index;
                context.report({ range: [at, at + match[0].length], message: MESSAGE });
              }
            }
          },
        };
      },
    },
  },
};

export default plugin;
