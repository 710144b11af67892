/**
 * `GET /widget.js` (the embeddable widget, when the host provides it), `GET /admin` (a small
 * demo page embedding it) and `GET /favicon.ico`. None needs credentials: the page asks for them
 * and keeps them in memory, and every API call it makes is authenticated on its own.
 *
 * The favicon is `204 No Content`: browsers ask for `/favicon.ico` on every page they open here
 * (`/admin`, `/docs`, the JSON in a tab), and a 404 is a console error on each load. There is no
 * brand icon to serve, and an empty answer, cached for a day, costs nothing and is no error.
 *
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { adminPageHtml } from "../admin_page.ts";
import { ApiException } from "../errors.ts";
import { DOCUMENT_HEADERS } from "../secure_headers.ts";

/** Static assets the host may provide. */
export interface AppAssets {
  /** The widget's ESM source, or null when it is not built. */
  widgetJs?: () => Promise<string | null>;
}

/** The asset routes (not in the OpenAPI document: they are not API). */
export function assetRoutes(assets: AppAssets | undefined) {
  return new Hono<AppEnv>()
    .get("/widget.js", async (c) => {
      const source = await assets?.widgetJs?.() ?? null;
      if (source === null) {
        throw new ApiException(404, "The widget is not available on this server.");
      }
      return c.body(source, 200, {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "public, max-age=300",
        // Embeddable from other origins' pages: overrides the same-origin default of
        // setSecureHeaders (secure_headers.ts), which keeps this one header if a route set it.
        "cross-origin-resource-policy": "cross-origin",
      });
    })
    .get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }))
    .get("/admin", (c) => {
      return c.html(adminPageHtml(), 200, {
        "content-security-policy": ADMIN_PAGE_CSP,
        ...DOCUMENT_HEADERS,
      });
    });
}

const ADMIN_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");
