/**
 * What the Chromium test files share: one browser and one API per process (started on first
 * use, closed by the test {@linkcode closeEnvironmentTest} registers last in each file), a test
 * wrapper, a helper that opens the widget with host-provided credentials, and state waits.
 *
 * Deno's op and resource sanitizers are off for these tests because the browser process and the
 * API outlive any single test by design.
 *
 * @module
 */
import type { Browser, Page } from "playwright-core";
import { startBackend, type WidgetBackend } from "./backend.ts";
import { type HostPage, launchChromium, type OpenOptions, openPage, TAG } from "./browser.ts";

/** The browser and the API every test of a file uses. */
export interface Env {
  browser: Browser;
  backend: WidgetBackend;
}

let shared: Promise<Env> | null = null;

function environment(): Promise<Env> {
  shared ??= Promise.all([launchChromium(), startBackend()]).then(([browser, backend]) => {
    console.log(`widget browser tests run against the ${backend.kind} API at ${backend.baseUrl}`);
    return { browser, backend };
  });
  return shared;
}

/** Registers a Chromium test that receives the shared environment. */
export function browserTest(name: string, fn: (env: Env) => Promise<void>): void {
  Deno.test({
    name,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => fn(await environment()),
  });
}

/** Registers the test that closes the browser and the API; call it last in a test file. */
export function closeEnvironmentTest(): void {
  Deno.test({
    name: "closes the browser and the API",
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      if (!shared) return;
      const { browser, backend } = await shared;
      shared = null;
      await browser.close();
      await backend.close();
    },
  });
}

/** Opens the widget for `userId` with host-provided credentials; closes the context after `fn`. */
export async function withWidget(
  env: Env,
  host: Partial<HostPage> & { userId?: string },
  options: OpenOptions,
  fn: (page: Page) => Promise<void>,
): Promise<void> {
  const { backend } = env;
  const attributes = {
    "api-base": backend.baseUrl,
    ...(host.userId ? { "user-id": host.userId } : {}),
    ...host.attributes,
  };
  const { context, page } = await openPage(env.browser, backend.baseUrl, {
    attributes,
    credentials: host.credentials ?? { adminKey: backend.adminKey, jwt: backend.adminJwt },
    mode: host.mode ?? "property",
    surround: host.surround,
  }, options);
  try {
    await fn(page);
  } finally {
    await context.close();
  }
}

/** The widget body in state `name` (its `data-state`). */
export const state = (page: Page, name: string) =>
  page.locator(`${TAG} .state[data-state="${name}"]`);

/** Waits (up to 15 s) for the widget body to be in state `name`. */
export const waitForState = (page: Page, name: string) =>
  state(page, name).waitFor({ timeout: 15_000 });

/** The widget's events recorded by the host page (`loaded`, `error`, `turnkey-loaded`). */
export const events = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { widgetEvents: { type: string; detail: unknown }[] }).widgetEvents
  );
