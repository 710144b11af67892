/**
 * The widget's search field, its deep link and its Refresh in real Chromium against the running
 * API and its demo data: a user ID opens a report, an email finds the users who have it (one
 * opens at once, several are listed, none is an empty state), input that is neither is refused
 * before any request, a report's `#user=<uuid>` fragment reopens it after sign-in and never holds
 * the email or a credential, and Refresh (only Refresh) asks the server for fresh data. New states
 * are saved as screenshots in both colour schemes under `test-output/`. Their accessibility (axe,
 * keyboard, live region) is checked in `accessibility_browser_test.ts`.
 */
import {
  assert,
  assertEquals,
  assertLessOrEqual,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import { DEMO_USERS } from "@spkey/testkit";
import type { BrowserContext, Page } from "playwright-core";
import {
  type HostPage,
  openPage,
  PAGE_PATH,
  screenshot,
  screenshotBothSchemes,
  TAG,
  testPageAsset,
} from "./browser.ts";
import { startRecordingProxy } from "./recording_proxy.ts";
import {
  browserTest,
  closeEnvironmentTest,
  type Env,
  events,
  waitForState,
  withWidget,
} from "./widget_env.ts";

const statusText = async (page: Page) =>
  (await page.locator(`${TAG} [role="status"]`).textContent()) ?? "";
const fragment = (page: Page) => new URL(page.url()).hash;
const searchRequests = (page: Page) => {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/admin/threedeye/users") seen.push(r.url());
  });
  return seen;
};

/** Types into the search field and submits it with Enter. */
async function lookUp(page: Page, text: string): Promise<void> {
  const field = page.locator(`${TAG} #lookup`);
  await field.fill(text);
  await field.press("Enter");
}

/** Signs in on the app's /admin form (the search field too, when it is there). */
async function signIn(page: Page, env: Env, lookup?: string): Promise<void> {
  if (lookup !== undefined) await page.locator(`${TAG} #lookup`).fill(lookup);
  await page.getByLabel("Admin API key").fill(env.backend.adminKey);
  await page.getByLabel("Admin JWT").fill(env.backend.adminJwt);
  await page.getByLabel("Admin JWT").press("Enter");
}

/** Opens the app's own /admin page (deep link on), at `path` (e.g. with a fragment). */
async function withAdminPage(
  env: Env,
  path: string,
  fn: (page: Page, problems: string[]) => Promise<void>,
): Promise<void> {
  const { context, page, problems } = await openPage(env.browser, env.backend.baseUrl, {
    attributes: {},
  }, { appPath: path, beforeOpen: recordUrls });
  try {
    await fn(page, problems);
  } finally {
    await context.close();
  }
}

/** A host page giving credentials, with the search field (no user-id) and the deep link on. */
const searchHost = (extra: Partial<HostPage> = {}) => ({
  attributes: { "deep-link": "" },
  ...extra,
});

/** Records every URL the page has, in `window.pageUrls` (set up before the page loads). */
function recordUrls(context: BrowserContext): Promise<unknown> {
  return context.addInitScript(() => {
    const seen = [location.href];
    (globalThis as unknown as { pageUrls: string[] }).pageUrls = seen;
    for (const name of ["replaceState", "pushState"] as const) {
      const original = history[name].bind(history);
      history[name] = (...args: Parameters<History["pushState"]>) => {
        original(...args);
        seen.push(location.href);
      };
    }
    addEventListener("hashchange", () => seen.push(location.href));
  });
}

/**
 * Asserts that no URL the page has had holds a credential, an email or one of `secrets`
 * (URLs leak into logs, chat previews and history); returns those URLs.
 */
async function assertUrlsClean(page: Page, env: Env, secrets: string[]): Promise<string[]> {
  const urls = await page.evaluate(() =>
    (globalThis as unknown as { pageUrls: string[] }).pageUrls
  );
  for (const raw of urls) {
    const url = decodeURIComponent(raw).toLowerCase();
    for (const secret of [env.backend.adminKey, env.backend.adminJwt, ...secrets]) {
      assertEquals(url.includes(secret.toLowerCase()), false, `a URL holds ${secret}: ${url}`);
    }
    assertEquals(url.includes("@"), false, `an email in a URL: ${url}`);
  }
  return urls;
}

browserTest(
  "an email with one match opens its report at once, says so, and links it as #user=<uuid>",
  async (env) => {
    await withAdminPage(env, "/admin", async (page, problems) => {
      await waitForState(page, "form");
      const searches = searchRequests(page);
      await signIn(page, env, "  BOB@example.com ");
      await waitForState(page, "report");
      assertEquals(searches.length, 1);
      // The address was trimmed and sent as typed (the server ignores ASCII letter case).
      assertEquals(new URL(searches[0]).searchParams.get("email"), "BOB@example.com");
      const found = page.locator(`${TAG} [part~="found"]`);
      assertStringIncludes(
        (await found.textContent()) ?? "",
        "1 user has the email BOB@example.com",
      );
      assertStringIncludes(
        (await page.locator(`${TAG} [data-card="user"]`).textContent()) ?? "",
        "bob@example.com",
      );
      assertMatch(await statusText(page), /^1 user found: opened\. Diagnostics loaded: /);
      assertEquals(fragment(page), `#user=${DEMO_USERS.noMapping}`);
      assertEquals(new URL(page.url()).pathname, "/admin");
      await assertUrlsClean(page, env, ["bob@example.com"]);
      // The search field now holds the user id: the email is nowhere but in the report itself.
      assertEquals(await page.locator(`${TAG} #lookup`).inputValue(), DEMO_USERS.noMapping);
      assertEquals(problems, []);
      await screenshotBothSchemes(page, "search-one-match");
    });
  },
);

browserTest(
  "several matches are listed; picking one opens its report, and Back returns to the list",
  async (env) => {
    await withWidget(env, searchHost(), { beforeOpen: recordUrls }, async (page) => {
      await waitForState(page, "form");
      assertEquals(await page.locator(`${TAG} #admin-key`).count(), 0, "credentials are given");
      await lookUp(page, "Alice@Example.com");
      await waitForState(page, "matches");
      const candidates = page.locator(`${TAG} [part~="candidate"]`);
      assertEquals(await candidates.count(), 2);
      // Oldest first, each with its stored email, mapping and creation time.
      const first = (await candidates.nth(0).textContent()) ?? "";
      const second = (await candidates.nth(1).textContent()) ?? "";
      for (const text of ["alice@example.com", DEMO_USERS.healthy, "3dEye mapping", "2026-01-05"]) {
        assertStringIncludes(first, text);
      }
      for (
        const text of [
          "Alice@Example.com",
          DEMO_USERS.sharedEmail,
          "No 3dEye mapping",
          "2026-06-02",
        ]
      ) {
        assertStringIncludes(second, text);
      }
      assertStringIncludes(
        (await page.locator(`${TAG} #search-h`).textContent()) ?? "",
        "2 users have this email",
      );
      assertEquals(await statusText(page), "2 users found. Pick one to open its report.");
      assertEquals(fragment(page), "", "a list is not one user: no link");
      await screenshotBothSchemes(page, "search-matches");

      await candidates.nth(1).getByRole("button").click();
      await waitForState(page, "report");
      assertStringIncludes(
        (await page.locator(`${TAG} [data-card="user"]`).textContent()) ?? "",
        DEMO_USERS.sharedEmail,
      );
      assertEquals(fragment(page), `#user=${DEMO_USERS.sharedEmail}`);
      assertStringIncludes(
        (await page.locator(`${TAG} [part~="found"]`).textContent()) ?? "",
        "Picked from 2 users with the email Alice@Example.com.",
      );
      await screenshotBothSchemes(page, "search-picked");

      const searches = searchRequests(page);
      await page.getByRole("button", { name: "Back to the list" }).click();
      await waitForState(page, "matches");
      assertEquals(searches.length, 0, "the list comes back from memory");
      assertEquals(fragment(page), "");
      assertEquals(await page.locator(`${TAG} #lookup`).inputValue(), "Alice@Example.com");
      await assertUrlsClean(page, env, ["alice@example.com"]);
    });
  },
);

browserTest("at 320 px wide the list of matches has no horizontal overflow", async (env) => {
  await withWidget(env, searchHost(), { viewport: { width: 320, height: 640 } }, async (page) => {
    await waitForState(page, "form");
    await lookUp(page, "Alice@Example.com");
    await waitForState(page, "matches");
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: innerWidth,
    }));
    assertLessOrEqual(widths.scroll, widths.inner);
    await screenshot(page, "search-matches-narrow-320");
  });
});

browserTest("an address nobody has shows the empty state", async (env) => {
  await withWidget(env, searchHost(), {}, async (page) => {
    await waitForState(page, "form");
    await lookUp(page, "nobody@example.com");
    await waitForState(page, "no-match");
    const empty = page.locator(`${TAG} [part~="empty"]`);
    const text = (await empty.textContent()) ?? "";
    assertStringIncludes(text, "No user with this email");
    assertStringIncludes(text, "No user has the email nobody@example.com.");
    assertStringIncludes(text, "enter their user ID");
    assertEquals(await statusText(page), "No user with this email.");
    assertEquals(await page.locator(`${TAG} [data-action="open"]`).count(), 0);
    // The field keeps the address, to fix a typo.
    assertEquals(await page.locator(`${TAG} #lookup`).inputValue(), "nobody@example.com");
    assertEquals(fragment(page), "");
    await screenshotBothSchemes(page, "search-no-match");
  });
});

browserTest(
  "input that is neither a UUID nor an email is refused inline, without a request",
  async (env) => {
    await withWidget(env, searchHost(), {}, async (page) => {
      await waitForState(page, "form");
      const api: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).pathname.startsWith("/admin/")) api.push(r.url());
      });
      await lookUp(page, "alice");
      const problem = page.locator(`${TAG} [data-form-error]`);
      await problem.waitFor({ state: "visible" });
      assertEquals(
        await problem.textContent(),
        "Enter a user ID (a UUID) or an email address.",
      );
      assertEquals(await statusText(page), "Enter a user ID (a UUID) or an email address.");
      const field = page.locator(`${TAG} #lookup`);
      assertEquals(await field.getAttribute("aria-invalid"), "true");
      assert(
        await field.evaluate((el) =>
          el.getRootNode() instanceof ShadowRoot &&
          (el.getRootNode() as ShadowRoot).activeElement === el
        ),
        "focus stays in the field",
      );
      assertEquals(await field.inputValue(), "alice", "the input is kept to fix");
      // A UUID one digit short is no user id either.
      await lookUp(page, DEMO_USERS.healthy.slice(0, -1));
      assertEquals(await problem.textContent(), "Enter a user ID (a UUID) or an email address.");
      assertEquals(api, []);
      await screenshotBothSchemes(page, "search-invalid-input");
    });
  },
);

browserTest(
  "a UUID in any letter case opens that report directly, without a search",
  async (env) => {
    await withWidget(env, searchHost(), {}, async (page) => {
      await waitForState(page, "form");
      const searches = searchRequests(page);
      await lookUp(page, ` ${DEMO_USERS.withRecovery.toUpperCase()} `);
      await waitForState(page, "report");
      assertEquals(searches, []);
      assertStringIncludes(
        (await page.locator(`${TAG} [data-card="recovery"]`).textContent()) ?? "",
        "role-owner",
      );
      assertEquals(fragment(page), `#user=${DEMO_USERS.withRecovery}`);
      assertEquals(await page.locator(`${TAG} [part~="found"]`).count(), 0);
    });
  },
);

browserTest(
  "an address the server refuses (400) comes back in the field with the server's message",
  async (env) => {
    await withWidget(env, searchHost(), {}, async (page) => {
      await waitForState(page, "form");
      // Has an "@", so it is searched; the server wants a domain with a dot.
      await lookUp(page, "alice@localhost");
      const problem = page.locator(`${TAG} [data-form-error]:not([hidden])`);
      await problem.waitFor({ timeout: 15_000 });
      assertStringIncludes(
        (await problem.textContent()) ?? "",
        "Invalid query parameter email: must be an email address (local@domain)",
      );
      const field = page.locator(`${TAG} #lookup`);
      assertEquals(await field.inputValue(), "alice@localhost");
      assertEquals(await field.getAttribute("aria-invalid"), "true");
      const errors = (await events(page)).filter((e) => e.type === "error").map((e) => {
        const detail = e.detail as { status: number; source: string };
        return [detail.status, detail.source];
      });
      assertEquals(errors, [[400, "search"]]);
      await screenshotBothSchemes(page, "search-400");
      // Fixed in place, the search runs.
      await lookUp(page, "grace@example.com");
      await waitForState(page, "report");
      assertEquals(fragment(page), `#user=${DEMO_USERS.withRecovery}`);
    });
  },
);

browserTest(
  "a deep link opens its report after sign-in, and the URL never holds the email or credentials",
  async (env) => {
    await withAdminPage(env, `/admin#user=${DEMO_USERS.noPassword}`, async (page, problems) => {
      await waitForState(page, "form");
      // The link says who; only the credentials are asked for.
      assertEquals(await page.locator(`${TAG} #lookup`).count(), 0);
      assertStringIncludes(
        (await page.locator(`${TAG} #sub`).textContent()) ?? "",
        DEMO_USERS.noPassword,
      );
      await screenshotBothSchemes(page, "deep-link-sign-in");
      await signIn(page, env);
      await waitForState(page, "report");
      assertStringIncludes(
        (await page.locator(`${TAG} [data-card="user"]`).textContent()) ?? "",
        "carol@example.com",
      );
      assertEquals(fragment(page), `#user=${DEMO_USERS.noPassword}`);
      assertEquals(await page.locator(`${TAG} #copy-link`).isVisible(), true);
      await screenshotBothSchemes(page, "deep-link-report");

      // Links are replaced in place: looking at a report adds no history entry.
      const historyLength = await page.evaluate(() => history.length);
      await lookUp(page, "Alice@Example.com");
      await waitForState(page, "matches");
      assertEquals(fragment(page), "");
      await assertUrlsClean(page, env, ["alice@example.com"]);
      await page.locator(`${TAG} [data-action="open"]`).first().click();
      await waitForState(page, "report");
      assertEquals(fragment(page), `#user=${DEMO_USERS.healthy}`);
      await assertUrlsClean(page, env, ["alice@example.com"]);
      assertEquals(await page.evaluate(() => history.length), historyLength);
      assertEquals(problems, []);
    });
  },
);

browserTest("editing the fragment to another #user= opens that report", async (env) => {
  await withAdminPage(env, `/admin#user=${DEMO_USERS.healthy}`, async (page) => {
    await signIn(page, env);
    await waitForState(page, "report");
    await page.evaluate((id) => (location.hash = `#user=${id}`), DEMO_USERS.accountGone);
    await page.locator(`${TAG} [data-card="mapping"] code`, { hasText: "td-1004" }).waitFor({
      timeout: 15_000,
    });
    assertEquals(fragment(page), `#user=${DEMO_USERS.accountGone}`);
  });
});

browserTest("a broken link (cut short) says so on the sign-in form", async (env) => {
  await withAdminPage(env, `/admin#user=${DEMO_USERS.healthy.slice(0, 20)}`, async (page) => {
    await waitForState(page, "form");
    assertStringIncludes(
      (await page.locator(`${TAG} [data-form-error]`).textContent()) ?? "",
      "The link's user ID is cut short or not a UUID.",
    );
    assertEquals(await page.locator(`${TAG} #lookup`).count(), 1);
    await screenshot(page, "deep-link-broken");
  });
});

browserTest("without the deep-link attribute the page's fragment is left alone", async (env) => {
  await withWidget(env, {}, {}, async (page) => {
    await waitForState(page, "form");
    await page.evaluate((id) => (location.hash = `#user=${id}`), DEMO_USERS.healthy);
    await lookUp(page, "bob@example.com");
    await waitForState(page, "report");
    assertEquals(fragment(page), `#user=${DEMO_USERS.healthy}`);
    assertEquals(new URL(page.url()).pathname, PAGE_PATH);
    assertEquals(await page.locator(`${TAG} #copy-link`).isVisible(), false);
    // And a user-id attribute wins over the fragment, even with deep-link on.
    await page.locator(TAG).evaluate((el, id) => {
      el.setAttribute("user-id", id);
      el.setAttribute("deep-link", "");
    }, DEMO_USERS.noPassword);
    await page.locator(`${TAG} [data-card="mapping"] code`, { hasText: "td-1003" }).waitFor({
      timeout: 15_000,
    });
    assertEquals(fragment(page), `#user=${DEMO_USERS.healthy}`);
  });
});

browserTest("Copy link puts the report's #user= link on the clipboard", async (env) => {
  await withAdminPage(env, `/admin#user=${DEMO_USERS.caseMismatch}`, async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: env.backend.baseUrl,
    });
    await signIn(page, env);
    await waitForState(page, "report");
    await page.locator(`${TAG} #copy-link`).click();
    await page.waitForFunction(
      (tag) =>
        document.querySelector(tag)!.shadowRoot!.querySelector('[role="status"]')!.textContent!
          .includes("Link to this report copied"),
      TAG,
    );
    assertEquals(
      await page.evaluate(() => navigator.clipboard.readText()),
      `${env.backend.baseUrl}/admin#user=${DEMO_USERS.caseMismatch}`,
    );
  });
});

/** Clicks Refresh and waits for the answer to `path` (the proxy recorded it before answering). */
async function refreshAndWait(page: Page, path: string): Promise<void> {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname + url.search === path;
  });
  await page.getByRole("button", { name: "Refresh" }).click();
  await answered;
}

browserTest(
  "Refresh asks the server for fresh data (Cache-Control: no-cache); loads and searches do not",
  async (env) => {
    // What the server receives, headers the browser adds by itself included. The proxy serves
    // the host page too: no request interception, which would turn the browser cache off.
    const host = {
      attributes: { "api-base": "", "user-id": DEMO_USERS.healthy },
      credentials: { adminKey: env.backend.adminKey, jwt: env.backend.adminJwt },
    };
    const proxy = startRecordingProxy(env.backend.baseUrl, async (path) => {
      const asset = await testPageAsset(path, host);
      return asset && new Response(asset.body, { headers: { "content-type": asset.contentType } });
    });
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(proxy.baseUrl + PAGE_PATH);
    const reportPath = `/admin/threedeye/users/${DEMO_USERS.healthy}`;
    const received = (path: string) =>
      proxy.requests.filter((r) => r.path === path).map((r) => r.headers.get("cache-control"));
    try {
      await waitForState(page, "report");
      assertEquals(received(reportPath), [null], "an ordinary load leaves the cache to the server");
      await refreshAndWait(page, reportPath);
      assertEquals(received(reportPath), [null, "no-cache"]);

      // The search field: the search itself is an ordinary load, Refresh on its answer is fresh.
      await page.locator(TAG).evaluate((el) => el.removeAttribute("user-id"));
      await waitForState(page, "form");
      await lookUp(page, "Alice@Example.com");
      await waitForState(page, "matches");
      const searchPath = "/admin/threedeye/users?email=Alice%40Example.com";
      assertEquals(received(searchPath), [null]);
      await refreshAndWait(page, searchPath);
      await waitForState(page, "matches");
      assertEquals(received(searchPath), [null, "no-cache"]);
    } finally {
      await context.close();
      await proxy.close();
    }
  },
);

closeEnvironmentTest();
