import { assertEquals, assertInstanceOf, assertStringIncludes } from "@std/assert";
import { HOSTILE_EMAIL } from "./_fixtures.ts";
import { escapeHtml, html, SafeHtml } from "./html.ts";

Deno.test("escapeHtml escapes the five HTML-significant characters", () => {
  assertEquals(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
  );
});

Deno.test("html escapes interpolated untrusted strings so they cannot create elements", () => {
  const out = html`<dd>${HOSTILE_EMAIL}</dd>`;
  assertInstanceOf(out, SafeHtml);
  assertEquals(out.value, "<dd>&lt;img src=x onerror=alert(1)&gt;@example.com</dd>");
  assertEquals(out.value.includes("<img"), false);
});

Deno.test("html escapes quotes inside attribute values", () => {
  assertEquals(
    html`<li data-code="${'x" onclick="evil()'}"></li>`.value,
    '<li data-code="x&quot; onclick=&quot;evil()"></li>',
  );
});

Deno.test("html inserts nested SafeHtml as-is and joins arrays", () => {
  const items = ["a<", "b"].map((t) => html`<li>${t}</li>`);
  assertEquals(html`<ul>${items}</ul>`.value, "<ul><li>a&lt;</li><li>b</li></ul>");
});

Deno.test("html renders null, undefined and false as nothing, but keeps 0", () => {
  assertEquals(html`[${null}${undefined}${false}${0}]`.value, "[0]");
});

Deno.test("html does not trust look-alike objects that are not SafeHtml", () => {
  const fake = { value: "<b>", toString: () => "<b>" };
  assertStringIncludes(html`${fake}`.value, "&lt;b&gt;");
});

Deno.test("html compacts the template's own line breaks but keeps interpolated text intact", () => {
  const out = html`<dl>
      <div><dt>a</dt>
        <dd>${"x\n  y"}</dd></div>
      <p>one
        two</p> <b>3</b>
    </dl>`;
  assertEquals(out.value, "<dl><div><dt>a</dt><dd>x\n  y</dd></div><p>one two</p> <b>3</b></dl>");
});
