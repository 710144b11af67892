/**
 * Status badges: a tone (ok, warn, bad, info) shown by colour AND by an icon and words, so the
 * state never depends on colour alone.
 *
 * @module
 */
import { html, type SafeHtml } from "./html.ts";

/** The four visual states a badge, card or finding can be in. */
export type Tone = "ok" | "warn" | "bad" | "info";

/** Words a screen reader hears before the badge text, naming the tone. */
export const TONE_WORDS: Record<Tone, string> = {
  ok: "OK",
  warn: "Warning",
  bad: "Problem",
  info: "Note",
};

const ICONS: Record<Tone, string> = { ok: "✓", warn: "!", bad: "✕", info: "i" };

/**
 * Renders a badge: `<span part="badge badge-bad" data-tone="bad">✕ Not found</span>` with the tone
 * spelled out for screen readers.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { badge } from "./badge.ts";
 * assertStringIncludes(badge("bad", "Not found").value, 'data-tone="bad"');
 * ```
 */
export function badge(tone: Tone, text: string): SafeHtml {
  return html`<span class="badge ${tone}" part="badge badge-${tone}" data-tone="${tone}"><span
      class="icon" aria-hidden="true">${ICONS[tone]}</span><span class="sr">${
    TONE_WORDS[tone]
  }: </span>${text}</span>`;
}
