/**
 * `GET /openapi.json` (OpenAPI 3.1, generated once from the route schemas) and `GET /docs` (that
 * document rendered to plain HTML on the server: works offline).
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app_env.ts";
import { type OpenApiDocumentLike, renderDocsPage } from "../docs_page.ts";
import { DOCUMENT_HEADERS } from "../secure_headers.ts";

const DOCS_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The two documentation routes over a document getter (called lazily, once). */
export function docsRoutes(generate: () => object) {
  let document: object | null = null;
  const get = () => (document ??= generate());
  let page: string | null = null;
  return new OpenAPIHono<AppEnv>()
    .get("/openapi.json", (c) => c.json(get(), 200))
    .get(
      "/docs",
      (c) =>
        c.html(page ??= renderDocsPage(get() as OpenApiDocumentLike), 200, {
          "content-security-policy": DOCS_CSP,
          ...DOCUMENT_HEADERS,
        }),
    );
}
