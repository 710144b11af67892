import { assertEquals, assertStringIncludes } from "@std/assert";
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
