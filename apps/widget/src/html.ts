/**
 * A tiny auto-escaping HTML template tag. Every interpolated value is HTML-escaped unless it is
 * itself the output of `html` (a {@link SafeHtml}), so untrusted strings from a report (emails,
 * ids, error messages) can never create elements in the widget.
 *
 * @module
 */

/** A string of HTML markup that was built by {@link html} and is safe to insert as-is. */
export class SafeHtml {
  /** @param value Markup whose interpolations were already escaped. */
  constructor(readonly value: string) {}
  /** The markup. */
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for use in HTML element content and quoted attribute values.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { escapeHtml } from "./html.ts";
 * assertEquals(escapeHtml("<b>&"), "&lt;b&gt;&amp;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function renderValue(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/**
 * Builds markup from a template literal, escaping every interpolation that is not already
 * {@link SafeHtml}. Arrays are joined; `null`, `undefined` and `false` render as nothing. Line
 * breaks and indentation of the template source are compacted (see `compact`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { html } from "./html.ts";
 * const email = "<img src=x onerror=alert(1)>";
 * assertEquals(html`<p>${email}</p>`.value, "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const parts = compact(strings);
  let out = parts[0];
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + parts[i + 1];
  return new SafeHtml(out);
}

const compacted = new WeakMap<TemplateStringsArray, string[]>();

/**
 * Drops the source indentation of a template (the formatter lays templates out over many lines):
 * line breaks between two tags vanish, any other line break with its indentation becomes one
 * space. Same-line spaces, and interpolated values (e.g. JSON in a <pre>), are kept as they are.
 */
function compact(strings: TemplateStringsArray): string[] {
  let parts = compacted.get(strings);
  if (!parts) {
    parts = strings.map((s) => s.replace(/>\s*\n\s*</g, "><").replace(/\s*\n\s*/g, " "));
    compacted.set(strings, parts);
  }
  return parts;
}
