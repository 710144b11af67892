/**
 * Browser-test plumbing: one headless Debian Chromium (via playwright-core, never a downloaded
 * browser) shared by the tests of a file, host pages served from the API's own origin (so no
 * CORS is involved), and screenshots under `test-output/`.
 *
 * @module
 */
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The widget's tag. */
export const TAG = "spkey-threedeye-diagnostics";
/** Where the test pages live on the API origin (intercepted: the API never sees these). */
export const PAGE_PATH = "/__widget_test/page.html";
const WIDGET_PATH = "/__widget_test/widget.js";
const OUTPUT = new URL("../test-output/", import.meta.url);
const BUNDLE = new URL("../dist/spkey-widget.js", import.meta.url);

/**
 * Launches Chromium. `chromium.launch` gives every launch a fresh temporary profile directory
 * and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** How a test page hands credentials to the widget. */
export type CredentialMode = "property" | "callback" | "failing-callback" | "none";

/** What a test page embeds. */
export interface HostPage {
  attributes: Record<string, string>;
  credentials?: { adminKey: string; jwt: string };
  mode?: CredentialMode;
  /**
   * Put a button before and after the widget (`#before-widget`, `#after-widget`), so keyboard
   * tests can see focus enter and leave it.
   */
  surround?: boolean;
}

/** A host page that records the widget's `loaded` and `error` events in `window.widgetEvents`. */
function hostPageHtml(page: HostPage): string {
  const attrs = Object.entries(page.attributes)
    .map(([k, v]) => `el.setAttribute(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join("\n");
  const credentials = JSON.stringify(page.credentials ?? null);
  const assign = page.mode === "callback"
    ? `el.getCredentials = async () => (${credentials});`
    : page.mode === "failing-callback"
    ? `el.getCredentials = async () => { throw new Error("session expired"); };`
    : page.mode === "none"
    ? ""
    : `el.credentials = ${credentials};`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>widget test</title>
<style>body{margin:0;padding:8px;font-family:sans-serif}</style></head><body>
${page.surround ? '<button id="before-widget">Before the widget</button>' : ""}
<script type="module">
import "${WIDGET_PATH}";
window.widgetEvents = [];
const el = document.createElement("${TAG}");
${attrs}
${assign}
for (const type of ["loaded", "error", "turnkey-loaded"]) {
  el.addEventListener(type, (e) => window.widgetEvents.push({ type, detail: e.detail }));
}
document.body.append(el);
${
    page.surround
      ? 'const after = document.createElement("button"); after.id = "after-widget"; after.textContent = "After the widget"; document.body.append(after);'
      : ""
  }
</script></body></html>`;
}

/**
 * The test page's own files: the host page for `host` at {@link PAGE_PATH} and the widget bundle;
 * null for any other path. {@link openPage} serves them by intercepting requests; a test that
 * must not intercept (Playwright then turns the browser cache off, and Chromium marks every
 * request `Cache-Control: no-cache`) serves them from a server of its own.
 */
export async function testPageAsset(
  path: string,
  host: HostPage,
): Promise<{ body: string; contentType: string } | null> {
  if (path === WIDGET_PATH) {
    return { body: await Deno.readTextFile(BUNDLE), contentType: "text/javascript" };
  }
  return path === PAGE_PATH ? { body: hostPageHtml(host), contentType: "text/html" } : null;
}

/** Options for {@link openPage}. */
export interface OpenOptions {
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
  /** Added to every API request (e.g. a distinct `x-forwarded-for` per test). */
  extraHeaders?: Record<string, string>;
  /** Runs before navigation (e.g. to add routes). */
  beforeOpen?: (context: BrowserContext) => Promise<unknown>;
  /** Open this path of the API origin as served by the app (e.g. its `/admin` page). */
  appPath?: string;
}

/**
 * Opens a host page (or `options.appPath` as the app serves it) in a fresh context; close the
 * returned context when done. `problems` collects console errors and uncaught exceptions.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  host: HostPage,
  options: OpenOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1200, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    reducedMotion: "reduce",
  });
  await context.route(`${baseUrl}/__widget_test/**`, async (route) => {
    const asset = await testPageAsset(new URL(route.request().url()).pathname, host);
    return route.fulfill(asset ?? { status: 404 });
  });
  if (options.extraHeaders) {
    const extra = options.extraHeaders;
    await context.route(
      `${baseUrl}/admin/**`,
      (route) => route.continue({ headers: { ...route.request().headers(), ...extra } }),
    );
  }
  await options.beforeOpen?.(context);
  const page = await context.newPage();
  // Console errors and uncaught exceptions, for tests that assert a clean page (e.g. no CSP
  // violation on the app's own /admin page).
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(`${baseUrl}${options.appPath ?? PAGE_PATH}`);
  return { context, page, problems };
}

/** Saves a full-page screenshot as `test-output/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(OUTPUT, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, OUTPUT).pathname, fullPage: true });
}

/**
 * Saves `test-output/<name>-light.png` and `<name>-dark.png`, then leaves the page in the light
 * scheme.
 */
export async function screenshotBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`);
  }
}
