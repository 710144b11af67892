import { assertEquals, assertStringIncludes } from "@std/assert";
import { badge, type Tone, TONE_WORDS } from "./badge.ts";

Deno.test("each badge tone carries words, not only colour", () => {
  const table: [Tone, string, string][] = [
    ["ok", "✓", "OK"],
    ["warn", "!", "Warning"],
    ["bad", "✕", "Problem"],
    ["info", "i", "Note"],
  ];
  for (const [tone, icon, words] of table) {
    const out = badge(tone, "Visible text").value;
    assertEquals(TONE_WORDS[tone], words);
    assertStringIncludes(out, `class="badge ${tone}"`);
    assertStringIncludes(out, `part="badge badge-${tone}"`);
    assertStringIncludes(out, `data-tone="${tone}"`);
    assertStringIncludes(out, `aria-hidden="true">${icon}</span>`);
    assertStringIncludes(out, `<span class="sr">${words}: </span>Visible text</span>`);
  }
});

Deno.test("badge text is escaped", () => {
  assertStringIncludes(badge("bad", "<b>401</b>").value, "&lt;b&gt;401&lt;/b&gt;");
});
