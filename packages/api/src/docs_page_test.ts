import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { escapeHtml, renderDocsPage } from "./docs_page.ts";

Deno.test("escapeHtml escapes markup and quotes", () => {
  assertEquals(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});

Deno.test("renderDocsPage escapes everything taken from the document", () => {
  const html = renderDocsPage({
    info: { title: "T", version: "1", description: "<img src=x onerror=alert(1)>" },
    paths: {
      "/x/{id}": {
        get: {
          summary: "<b>bold</b>",
          parameters: [{ name: "id", in: "path", required: true, description: "<i>" }],
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });
  assertEquals(html.includes("<img"), false);
  assertEquals(html.includes("<b>bold"), false);
  assertStringIncludes(html, "&lt;img src=x onerror=alert(1)&gt;");
  assertStringIncludes(html, "No authentication.");
});

Deno.test("renderDocsPage puts everything but the title in one <main> landmark", () => {
  const html = renderDocsPage({ info: { title: "T", version: "1" }, paths: {} });
  assertEquals(html.match(/<main>/g)?.length, 1);
  const header = html.indexOf("<header>");
  const main = html.indexOf("<main>");
  assert(header >= 0 && header < main, "the header comes first, outside main");
  assert(html.indexOf("</main>") > html.indexOf("<h2>Schemas</h2>"), "schemas inside main");
});

Deno.test("renderDocsPage lists alternative security requirements, each in full", () => {
  const op = (security: Array<Record<string, string[]>>) =>
    renderDocsPage({
      info: { title: "T", version: "1" },
      paths: { "/x": { get: { security, responses: {} } } },
    });
  assertStringIncludes(op([{ A: [], B: [] }]), "Security: <code>A + B</code> (all required)");
  const either = op([{ A: [], B: [] }, { C: [], B: [] }]);
  assertStringIncludes(either, "one of (each in full)");
  assertStringIncludes(either, "<li><code>A + B</code></li><li><code>C + B</code></li>");
  assertStringIncludes(op([]), "No authentication.");
});
