/**
 * zod's `locales` namespace as the Worker bundle carries it: English only.
 *
 * `@hono/zod-openapi` extends the whole `z` namespace, so esbuild keeps every export of zod,
 * including `z.locales` with all ~50 languages (about 258 KiB minified, 60% of zod). The
 * `alias` in `wrangler.jsonc` points zod's own `../locales/index.js` imports here instead. zod
 * installs English as its default locale from `classic/schemas.js` (a direct import of
 * `locales/en.js`), not through this namespace, so validation messages are unchanged.
 *
 * @module
 */
export { default as en } from "zod/v4/locales/en.js";
