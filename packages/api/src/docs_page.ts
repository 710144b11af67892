/**
 * The `/docs` page: the OpenAPI document rendered to plain HTML on the server, so it works
 * offline (no CDN, no script): operations with their parameters, security and responses, then
 * the schemas as JSON. Landmarks: the title in a `<header>`, everything else in `<main>` (axe's
 * `landmark-one-main` and `region`); the schemas' scrollable `<pre>` blocks take keyboard focus.
 *
 * @module
 */

/** The subset of an OpenAPI 3.1 document the page reads. */
export interface OpenApiDocumentLike {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, Record<string, unknown>>;
  };
}

interface Operation {
  summary?: string;
  description?: string;
  operationId?: string;
  security?: Array<Record<string, unknown>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
  responses?: Record<string, { description?: string }>;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/**
 * Renders `doc` as a self-contained HTML page.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { renderDocsPage } from "./docs_page.ts";
 * const html = renderDocsPage({ info: { title: "Demo <API>", version: "1" }, paths: {} });
 * assertStringIncludes(html, "Demo &lt;API&gt;");
 * ```
 */
export function renderDocsPage(doc: OpenApiDocumentLike): string {
  const e = escapeHtml;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => renderOperation(path, m, item[m] as Operation))
  );
  const schemes = Object.entries(doc.components?.securitySchemes ?? {}).map(([name, s]) =>
    `<li><code>${e(name)}</code>: ${e(describeScheme(s))}${
      s.description ? ` — ${e(String(s.description))}` : ""
    }</li>`
  );
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) =>
    `<details><summary><code>${e(name)}</code></summary><pre tabindex="0" aria-label="${
      e(name)
    } schema">${e(JSON.stringify(schema, null, 2))}</pre></details>`
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.info.title)} · docs</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: #1b1f24; }
  section.op { border: 1px solid #d0d7de; border-radius: .5rem; padding: .25rem 1rem 1rem; margin: 1rem 0; }
  .method { font-weight: 700; text-transform: uppercase; margin-right: .5rem; }
  code, pre { font: 13px/1.4 ui-monospace, monospace; }
  pre { background: #f6f8fa; padding: .75rem; overflow: auto; border-radius: .375rem; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .15rem .75rem .15rem 0; vertical-align: top; }
</style>
</head>
<body>
<header>
  <h1>${e(doc.info.title)} <small>v${e(doc.info.version)}</small></h1>
  <p>${e(doc.info.description ?? "")}</p>
  <p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
</header>
<main>
<h2>Authentication</h2>
<ul>${schemes.join("")}</ul>
<h2>Operations</h2>
${operations.join("\n")}
<h2>Schemas</h2>
${schemas.join("\n")}
</main>
</body>
</html>
`;
}

function renderOperation(path: string, method: string, op: Operation): string {
  const e = escapeHtml;
  const requirements = (op.security ?? []).map((req) => Object.keys(req).join(" + "));
  const params = (op.parameters ?? []).map((p) =>
    `<tr><td><code>${e(p.name)}</code></td><td>${e(p.in)}${
      p.required ? ", required" : ""
    }</td><td>${e(p.description ?? "")}</td></tr>`
  );
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) =>
    `<tr><td><code>${e(status)}</code></td><td>${e(r.description ?? "")}</td></tr>`
  );
  return `<section class="op" id="${e(op.operationId ?? `${method}-${path}`)}">
<h3><span class="method">${e(method)}</span><code>${e(path)}</code></h3>
<p><strong>${e(op.summary ?? "")}</strong></p>
${op.description ? `<p>${e(op.description)}</p>` : ""}
${renderSecurity(requirements)}
${params.length ? `<h4>Parameters</h4><table>${params.join("")}</table>` : ""}
<h4>Responses</h4><table>${responses.join("")}</table>
</section>`;
}

/** Each requirement is a set of schemes that are ALL needed; the requirements are alternatives. */
function renderSecurity(requirements: string[]): string {
  const e = escapeHtml;
  if (requirements.length === 0) return "<p>No authentication.</p>";
  if (requirements.length === 1) {
    return `<p>Security: <code>${e(requirements[0])}</code> (all required)</p>`;
  }
  return `<p>Security, one of (each in full):</p><ul>${
    requirements.map((r) => `<li><code>${e(r)}</code></li>`).join("")
  }</ul>`;
}

function describeScheme(scheme: Record<string, unknown>): string {
  if (scheme.type === "apiKey") return `API key in the ${scheme.in} "${scheme.name}"`;
  if (scheme.type === "http") {
    return `HTTP ${scheme.scheme}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ""}`;
  }
  return String(scheme.type);
}
