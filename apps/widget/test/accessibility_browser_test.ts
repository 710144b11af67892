/**
 * Accessibility of the widget and the app's pages in real Chromium:
 *
 * - axe (`@axe-core/playwright`, a checker nobody here wrote) over every widget state in both
 *   colour schemes, over the app's `/admin` page and over `/docs`: no violation of impact
 *   "serious" or "critical"; the moderate and minor ones are printed in the test output;
 * - keyboard-only use of the whole flow (form → submit → report → raw JSON → refresh, with the
 *   Turnkey panel on; and search → list → pick → back → empty state → refused input → one match):
 *   the focus order, a visible focus indicator at every stop, focus never lost on a re-render, and
 *   nothing trapped (Tab leaves the widget, Shift+Tab too);
 * - the live region: loading, loaded and failed states, searches, their lists and empty states,
 *   and refused input are announced through `role="status"`, outside any `aria-busy` subtree;
 * - no console error on loading `/admin` and `/docs` (the favicon included).
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_USERS } from "@spkey/testkit";
import type { Page } from "playwright-core";
import {
  type HostPage,
  type OpenOptions,
  openPage,
  PAGE_PATH,
  screenshot,
  TAG,
} from "./browser.ts";
import {
  browserTest,
  closeEnvironmentTest,
  type Env,
  waitForState,
  withWidget,
} from "./widget_env.ts";

// ---------------------------------------------------------------------------------------------
// axe over every state, both schemes

type Impact = "minor" | "moderate" | "serious" | "critical";

interface Finding {
  page: string;
  scheme: "light" | "dark";
  rule: string;
  impact: Impact;
  nodes: number;
  help: string;
  targets: string[];
}

/** A state to check: how to open it and how to bring it about. */
interface AxeState {
  name: string;
  host?: Partial<HostPage> & { userId?: string };
  options?: OpenOptions;
  /** Brings the opened page into the state; may return a clean-up. */
  reach: (page: Page, env: Env) => Promise<void | (() => Promise<void>)>;
}

const report = (name: string) => (page: Page) => waitForState(page, name);
const turnkeyAttributes = (env: Env) => ({
  "turnkey-user-id": env.backend.turnkey.userId,
  "turnkey-organization-id": env.backend.turnkey.organizationId,
});

/** Types into the search field and submits it with Enter. */
async function lookUp(page: Page, text: string): Promise<void> {
  const field = page.locator(`${TAG} #lookup`);
  await field.fill(text);
  await field.press("Enter");
}

/** A host page giving credentials but no user id (the search field), deep link on. */
const SEARCH_HOST = { attributes: { "deep-link": "" } };

const isSearchUrl = (url: URL) => url.pathname === "/admin/threedeye/users";

/** The states of the search field: searching, its answers, refused input, a deep link. */
function searchStates(): AxeState[] {
  const searchFirst = (text: string, then: string) => async (page: Page) => {
    await waitForState(page, "form");
    await lookUp(page, text);
    await waitForState(page, then);
  };
  const linked = (userId: string): OpenOptions => ({ appPath: `${PAGE_PATH}#user=${userId}` });
  let release = () => {};
  return [
    {
      name: "searching",
      host: SEARCH_HOST,
      options: {
        beforeOpen: (context) => {
          const held = new Promise<void>((resolve) => (release = resolve));
          return context.route(isSearchUrl, async (route) => {
            await held;
            await route.continue();
          });
        },
      },
      reach: async (page) => {
        await searchFirst("Alice@Example.com", "searching")(page);
        return () => Promise.resolve(release());
      },
    },
    {
      name: "search: several matches",
      host: SEARCH_HOST,
      reach: searchFirst("Alice@Example.com", "matches"),
    },
    {
      // The demo data has no address shared by more users than a page holds: cut the answer.
      name: "search: list cut short",
      host: SEARCH_HOST,
      options: {
        beforeOpen: (context) =>
          context.route(isSearchUrl, async (route) => {
            const response = await route.fetch();
            const answer = await response.json();
            await route.fulfill({
              response,
              json: { ...answer, limit: answer.candidates.length, truncated: true },
            });
          }),
      },
      reach: async (page) => {
        await searchFirst("Alice@Example.com", "matches")(page);
        await page.locator(`${TAG} [data-notice="truncated"]`).waitFor();
        await screenshot(page, "a11y-search-truncated");
      },
    },
    {
      name: "search: no match",
      host: SEARCH_HOST,
      reach: searchFirst("nobody@x.test", "no-match"),
    },
    {
      name: "search: input refused",
      host: SEARCH_HOST,
      reach: async (page) => {
        await waitForState(page, "form");
        await lookUp(page, "alice");
        await page.locator(`${TAG} [data-form-error]:not([hidden])`).waitFor();
      },
    },
    {
      name: "search: address refused by the server (400)",
      host: SEARCH_HOST,
      reach: async (page) => {
        await waitForState(page, "form");
        await lookUp(page, "alice@localhost");
        await page.locator(`${TAG} #lookup[aria-invalid="true"]`).waitFor({ timeout: 15_000 });
      },
    },
    {
      name: "report opened from the one match",
      host: SEARCH_HOST,
      reach: async (page) => {
        await searchFirst("bob@example.com", "report")(page);
        await page.locator(`${TAG} [data-found="1"]`).waitFor();
      },
    },
    {
      name: "report picked from the list",
      host: SEARCH_HOST,
      reach: async (page) => {
        await searchFirst("Alice@Example.com", "matches")(page);
        await page.locator(`${TAG} [data-action="open"]`).nth(1).click();
        await page.locator(`${TAG} [data-action="back"]`).waitFor({ timeout: 15_000 });
      },
    },
    {
      name: "deep-linked report (Copy link)",
      host: SEARCH_HOST,
      options: linked(DEMO_USERS.orphanedRemote),
      reach: async (page) => {
        await waitForState(page, "report");
        await page.locator(`${TAG} #copy-link:not([hidden])`).waitFor();
      },
    },
    {
      name: "deep link waiting for sign-in",
      host: { ...SEARCH_HOST, mode: "none" },
      options: linked(DEMO_USERS.healthy),
      reach: report("form"),
    },
    {
      name: "broken deep link",
      host: { ...SEARCH_HOST, mode: "none" },
      options: { appPath: `${PAGE_PATH}#user=1111` },
      reach: async (page) => {
        await waitForState(page, "form");
        await page.locator(`${TAG} [data-form-error]:not([hidden])`).waitFor();
      },
    },
  ];
}

/** Every state the widget can show, the demo data's report states included. */
function widgetStates(env: Env): AxeState[] {
  const reports: AxeState[] = Object.entries(DEMO_USERS).map(([name, userId]) => ({
    name: `report ${name}`,
    host: { userId },
    reach: report(name === "unknown" ? "unknown-user" : "report"),
  }));
  let release = () => {};
  return [
    {
      name: "loading",
      host: { userId: DEMO_USERS.healthy },
      options: {
        beforeOpen: (context) => {
          const held = new Promise<void>((resolve) => (release = resolve));
          return context.route(`${env.backend.baseUrl}/admin/threedeye/users/**`, async (route) => {
            await held;
            await route.continue();
          });
        },
      },
      reach: async (page) => {
        await waitForState(page, "loading");
        return () => Promise.resolve(release());
      },
    },
    ...reports,
    {
      name: "report with the raw JSON open",
      host: { userId: DEMO_USERS.caseMismatch },
      reach: async (page) => {
        await waitForState(page, "report");
        await page.locator(`${TAG} details summary`).click();
        await page.locator(`${TAG} details[open] pre`).waitFor();
      },
    },
    {
      name: "report with a failed 3dEye probe",
      host: { userId: DEMO_USERS.healthy },
      reach: async (page) => {
        await env.backend.setThreedeyeFault("error500");
        await page.locator(`${TAG} button[part~="refresh-button"]`).click();
        await page.locator(`${TAG} [part~="probe-error"]`).waitFor({ timeout: 15_000 });
        return () => env.backend.setThreedeyeFault(null);
      },
    },
    {
      name: "Turnkey panel loaded",
      host: { userId: DEMO_USERS.withRecovery, attributes: turnkeyAttributes(env) },
      reach: (page) =>
        page.locator(`${TAG} section.turnkey[data-state="loaded"]`).waitFor({ timeout: 15_000 }),
    },
    {
      name: "Turnkey panel failed",
      host: {
        userId: DEMO_USERS.healthy,
        attributes: {
          ...turnkeyAttributes(env),
          "turnkey-user-id": "00000000-0000-4000-8000-000000000000",
        },
      },
      reach: (page) =>
        page.locator(`${TAG} section.turnkey[data-state="failure"]`).waitFor({ timeout: 15_000 }),
    },
    { name: "form (empty)", host: { mode: "none" }, reach: report("form") },
    {
      name: "form with a problem",
      host: { mode: "none" },
      reach: async (page) => {
        await waitForState(page, "form");
        await page.locator(`${TAG} button[type="submit"]`).click();
        await page.locator(`${TAG} [data-form-error]:not([hidden])`).waitFor();
      },
    },
    {
      name: "credentials callback failed",
      host: { userId: DEMO_USERS.healthy, mode: "failing-callback" },
      reach: report("form"),
    },
    {
      name: "400 bad user id",
      host: { userId: "not-a-uuid" },
      reach: report("bad-request"),
    },
    {
      name: "401",
      host: {
        userId: DEMO_USERS.healthy,
        credentials: { adminKey: "wrong-admin-key-0123456789", jwt: env.backend.adminJwt },
      },
      reach: report("unauthorized"),
    },
    {
      name: "403",
      host: {
        userId: DEMO_USERS.healthy,
        credentials: { adminKey: env.backend.adminKey, jwt: env.backend.nonAdminJwt },
      },
      reach: report("forbidden"),
    },
    {
      name: "network error",
      host: { userId: DEMO_USERS.healthy, attributes: { "api-base": "http://127.0.0.1:9" } },
      reach: report("network"),
    },
    ...searchStates(),
  ];
}

/** The app's own pages. */
const APP_PAGES: Array<{ name: string; path: string; reach: (page: Page) => Promise<void> }> = [
  { name: "/admin page", path: "/admin", reach: report("form") },
  {
    name: "/docs page",
    path: "/docs",
    // Every schema opened, so their <pre> blocks are checked too.
    reach: async (page) => {
      await page.locator("main").waitFor();
      await page.locator("details").evaluateAll((all) =>
        all.forEach((d) => (d as HTMLDetailsElement).open = true)
      );
    },
  },
];

/**
 * axe's violations on `page` in each colour scheme. `within` limits the check to one element
 * (the widget: page-level rules such as "one main landmark" belong to the host page, and the
 * app's real host page, /admin, is checked whole). Legacy mode runs axe in the page itself
 * instead of opening a second page per run (which this suite's ~40 runs paid for in minutes);
 * what it gives up, axe inside cross-origin iframes, does not occur here. Only violations are
 * collected (`resultTypes`), which roughly halves a run.
 */
async function axeFindings(page: Page, name: string, within?: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const axe = new AxeBuilder({ page }).setLegacyMode(true).options({
      resultTypes: ["violations"],
    });
    const results = await (within ? axe.include(within) : axe).analyze();
    for (const v of results.violations) {
      findings.push({
        page: name,
        scheme,
        rule: v.id,
        impact: (v.impact ?? "minor") as Impact,
        nodes: v.nodes.length,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
      });
    }
  }
  return findings;
}

function summarize(findings: Finding[]): string {
  if (findings.length === 0) return "axe: no violations";
  return findings.map((f) =>
    `axe ${f.impact} ${f.rule} on ${f.page} (${f.scheme}, ${f.nodes} nodes): ${f.help} ${
      f.targets.join(" ")
    }`
  ).join("\n");
}

function assertNoSeriousViolations(findings: Finding[]): void {
  // Moderate and minor findings are listed for a person to judge; serious and critical fail.
  const rest = findings.filter((f) => f.impact === "moderate" || f.impact === "minor");
  if (rest.length > 0) console.log(summarize(rest));
  const blocking = findings.filter((f) => f.impact === "serious" || f.impact === "critical");
  assertEquals(blocking.length, 0, summarize(blocking));
}

browserTest(
  "axe finds no serious or critical violation in any widget state, light or dark",
  async (env) => {
    const findings: Finding[] = [];
    for (const s of widgetStates(env)) {
      await withWidget(env, s.host ?? {}, s.options ?? {}, async (page) => {
        const cleanUp = await s.reach(page, env);
        try {
          findings.push(...await axeFindings(page, s.name, TAG));
        } finally {
          await cleanUp?.();
        }
      });
    }
    console.log(`axe checked ${widgetStates(env).length} widget states x 2 schemes`);
    assertNoSeriousViolations(findings);
  },
);

browserTest(
  "axe finds no serious or critical violation on /admin and /docs, light or dark",
  async (env) => {
    const findings: Finding[] = [];
    for (const appPage of APP_PAGES) {
      const { context, page } = await openPage(env.browser, env.backend.baseUrl, {
        attributes: {},
      }, { appPath: appPage.path });
      try {
        await appPage.reach(page);
        findings.push(...await axeFindings(page, appPage.name));
      } finally {
        await context.close();
      }
    }
    assertNoSeriousViolations(findings);
  },
);

browserTest(
  "the light scheme's badges reach 4.5:1 contrast (the axe rule, by itself)",
  async (env) => {
    // The badges' text and tinted background, the tones ok, warn, bad and info all present.
    await withWidget(env, { userId: DEMO_USERS.noMapping }, {}, async (page) => {
      await waitForState(page, "report");
      const results = await new AxeBuilder({ page }).include(TAG).withRules("color-contrast")
        .analyze();
      assertEquals(
        results.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary)),
        [],
      );
      const tones = await page.locator(`${TAG} .badge`).evaluateAll((all) =>
        [...new Set(all.map((b) => b.getAttribute("data-tone")))].sort()
      );
      assertEquals(tones, ["bad", "ok", "warn"]);
      await screenshot(page, "a11y-badges-light");
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Keyboard

/**
 * The deep focused element, described as `tag#id` or `tag:accessible text`, or null when focus
 * is on the document itself.
 */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const tag = el.tagName.toLowerCase();
    if (el.id) return `${tag}#${el.id}`;
    const text = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(
      /\s+/g,
      " ",
    );
    return `${tag}:${text}`;
  });
}

/** Whether the deep focused element shows a focus indicator (an outline or a box shadow). */
function focusVisible(page: Page): Promise<{ visible: boolean; style: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { visible: false, style: "no focus" };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== "none";
    return {
      visible: el.matches(":focus-visible") && (outline || shadow),
      style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow ${s.boxShadow}`,
    };
  });
}

/**
 * Presses `key` until focus reaches `until` (at most 40 presses), checking a visible indicator
 * at every stop inside the widget; returns the stops in order, `until` included.
 */
async function tabStops(page: Page, until: string, key = "Tab"): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    const stop = await focused(page);
    stops.push(stop ?? "(document)");
    if (stop === until) return stops;
    if (stop !== null && !stop.endsWith("-widget")) {
      const indicator = await focusVisible(page);
      assert(indicator.visible, `no visible focus indicator on ${stop}: ${indicator.style}`);
    }
  }
  throw new Error(`${key} never reached ${until}; stops: ${stops.join(" → ")}`);
}

// The widget's focus stops in each part of the flow, in order. A new control (say, a search
// field) is one more entry in the list of the state it appears in.
const FORM_STOPS = ["input#lookup", "input#admin-key", "input#jwt", "button:Load diagnostics"];
const REPORT_STOPS = [
  "button#refresh",
  "input#lookup", // look up another user (the user id came from the form)
  "button:Look up",
  // The findings, the four cards and the Turnkey panel are read, not operated: no stops.
  "button:Copy JSON",
  "summary:Show the report as JSON",
];
const RAW_JSON_OPEN_STOPS = [...REPORT_STOPS, "pre:Report JSON"];
// With `deep-link`, a report adds Copy link before Refresh.
const LINKED_REPORT_STOPS = ["button#copy-link", ...REPORT_STOPS];
// A report picked from a list adds the way back to it, before the report's own controls.
const PICKED_REPORT_STOPS = LINKED_REPORT_STOPS.toSpliced(4, 0, "button:Back to the list");
const SEARCH_BAR_STOPS = ["button#refresh", "input#lookup", "button:Look up"];
// The list's buttons name the stored email and the user id: alice's two addresses differ only in
// letter case, which a screen reader does not say.
const MATCHES_STOPS = [
  `button:Open report for alice@example.com, user ${DEMO_USERS.healthy}`,
  `button:Open report for Alice@Example.com, user ${DEMO_USERS.sharedEmail}`,
];

browserTest(
  "keyboard only: form, submit, report, raw JSON, refresh, with a visible focus and no trap",
  async (env) => {
    await withWidget(
      env,
      { mode: "none", attributes: turnkeyAttributes(env), surround: true },
      {},
      async (page) => {
        await waitForState(page, "form");
        // Into the widget and through the form; Tab leaves it after the last control.
        assertEquals(await tabStops(page, "button#before-widget"), ["button#before-widget"]);
        assertEquals(await tabStops(page, "button#after-widget"), [
          ...FORM_STOPS,
          "button#after-widget",
        ]);
        // Back in, typing only.
        assertEquals(await tabStops(page, "input#lookup", "Shift+Tab"), [
          ...FORM_STOPS.toReversed(),
        ]);
        await page.keyboard.type(DEMO_USERS.caseMismatch);
        await page.keyboard.press("Tab");
        await page.keyboard.type(env.backend.adminKey);
        await page.keyboard.press("Tab");
        await page.keyboard.type(env.backend.adminJwt);
        await page.keyboard.press("Tab");
        assertEquals(await focused(page), "button:Load diagnostics");
        await screenshot(page, "a11y-keyboard-form");
        await page.keyboard.press("Enter");
        await waitForState(page, "report");
        await page.locator(`${TAG} section.turnkey[data-state="loaded"]`).waitFor({
          timeout: 15_000,
        });
        // The submit button is gone with the form: focus went to the heading, not to <body>.
        assertEquals(await focused(page), "h2#title");
        assertEquals(await tabStops(page, "button#after-widget"), [
          ...REPORT_STOPS,
          "button#after-widget",
        ]);
        // The raw JSON toggle opens with the keyboard, and its scrollable block takes focus.
        assertEquals(await tabStops(page, "summary:Show the report as JSON", "Shift+Tab"), [
          "summary:Show the report as JSON",
        ]);
        await page.keyboard.press("Enter");
        await page.locator(`${TAG} details[open]`).waitFor();
        assertEquals(await tabStops(page, "button#after-widget"), [
          "pre:Report JSON",
          "button#after-widget",
        ]);
        await screenshot(page, "a11y-keyboard-raw-json");
        // Backwards through the whole report and out of the widget: nothing traps Shift+Tab.
        assertEquals(await tabStops(page, "button#before-widget", "Shift+Tab"), [
          ...RAW_JSON_OPEN_STOPS.toReversed(),
          "button#before-widget",
        ]);
        // Refresh with the keyboard: a new load, focus stays on the button.
        await page.keyboard.press("Tab");
        assertEquals(await focused(page), "button#refresh");
        const loads = page.waitForRequest((r) => r.url().includes("/admin/threedeye/users/"));
        await page.keyboard.press("Enter");
        await loads;
        await waitForState(page, "report");
        assertEquals(await focused(page), "button#refresh");
        await screenshot(page, "a11y-keyboard-refresh");
      },
    );
  },
);

browserTest(
  "keyboard only: search, the list, pick, back, the empty state, refused input, one match",
  async (env) => {
    await withWidget(env, { ...SEARCH_HOST, surround: true }, {}, async (page) => {
      await waitForState(page, "form");
      // Credentials come from the host: the form is the search field and its button.
      assertEquals(await tabStops(page, "button#before-widget"), ["button#before-widget"]);
      assertEquals(await tabStops(page, "button#after-widget"), [
        "input#lookup",
        "button:Load diagnostics",
        "button#after-widget",
      ]);
      assertEquals(await tabStops(page, "input#lookup", "Shift+Tab"), [
        "button:Load diagnostics",
        "input#lookup",
      ]);
      await page.keyboard.type("Alice@Example.com");
      await page.keyboard.press("Enter");
      await waitForState(page, "matches");
      // Focus lands on the answer's heading: the next Tab is the first candidate.
      assertEquals(await focused(page), "h3#search-h");
      assertEquals(await tabStops(page, "button#after-widget"), [
        ...MATCHES_STOPS,
        "button#after-widget",
      ]);
      assertEquals(await tabStops(page, "button#before-widget", "Shift+Tab"), [
        ...[...SEARCH_BAR_STOPS, ...MATCHES_STOPS].toReversed(),
        "button#before-widget",
      ]);
      assertEquals(await tabStops(page, MATCHES_STOPS[1]), [
        ...SEARCH_BAR_STOPS,
        ...MATCHES_STOPS,
      ]);
      await screenshot(page, "a11y-keyboard-matches");
      await page.keyboard.press("Enter");
      await waitForState(page, "report");
      assertEquals(await focused(page), "h2#title");
      assertEquals(await tabStops(page, "button#after-widget"), [
        ...PICKED_REPORT_STOPS,
        "button#after-widget",
      ]);
      // Back to the list, from the keyboard.
      assertEquals(await tabStops(page, "button:Back to the list", "Shift+Tab"), [
        ...PICKED_REPORT_STOPS.slice(PICKED_REPORT_STOPS.indexOf("button:Back to the list"))
          .toReversed(),
      ]);
      await page.keyboard.press("Enter");
      await waitForState(page, "matches");
      assertEquals(await focused(page), "h3#search-h");
      // A new address. The empty state has nothing to operate: focus returns to the field, to
      // fix the address, and Tab leaves the widget after the Look up button.
      assertEquals(await tabStops(page, "input#lookup", "Shift+Tab"), [
        "button:Look up",
        "input#lookup",
      ]);
      await page.keyboard.press("Control+A");
      await page.keyboard.type("nobody@example.com");
      await page.keyboard.press("Enter");
      await waitForState(page, "no-match");
      assertEquals(await focused(page), "input#lookup");
      assertEquals(await tabStops(page, "button#after-widget"), [
        "button:Look up",
        "button#after-widget",
      ]);
      await screenshot(page, "a11y-keyboard-no-match");
      // Refused input keeps focus in the field, marked invalid.
      assertEquals(await tabStops(page, "input#lookup", "Shift+Tab"), [
        "button:Look up",
        "input#lookup",
      ]);
      await page.keyboard.press("Control+A");
      await page.keyboard.type("alice");
      await page.keyboard.press("Enter");
      await page.locator(`${TAG} [data-form-error]:not([hidden])`).waitFor();
      assertEquals(await focused(page), "input#lookup");
      assertEquals(
        await page.locator(`${TAG} #lookup`).getAttribute("aria-invalid"),
        "true",
      );
      // One match opens by itself; its report has no way back (there is no list).
      await page.keyboard.press("Control+A");
      await page.keyboard.type("bob@example.com");
      await page.keyboard.press("Enter");
      await waitForState(page, "report");
      assertEquals(await focused(page), "h2#title");
      assertEquals(await tabStops(page, "button#after-widget"), [
        ...LINKED_REPORT_STOPS,
        "button#after-widget",
      ]);
      await screenshot(page, "a11y-keyboard-one-match");
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Live region

/** Records every text the widget's live region shows, from now on, in `window.announced`. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.locator(TAG).evaluate((el) => {
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    const announced: string[] = [];
    (globalThis as unknown as { announced: string[] }).announced = announced;
    new MutationObserver(() => {
      const text = region.textContent ?? "";
      if (text !== "" && announced.at(-1) !== text) announced.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

const announced = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { announced: string[] }).announced);

/** The live region's own attributes and whether an ancestor marks it busy. */
function liveRegion(page: Page) {
  return page.locator(`${TAG} [role="status"]`).evaluate((region) => {
    let busyAncestor: string | null = null;
    for (let el = region.parentElement; el; el = el.parentElement) {
      if (el.getAttribute("aria-busy") === "true") busyAncestor = el.className || el.id;
    }
    return {
      role: region.getAttribute("role"),
      live: region.getAttribute("aria-live"),
      busyAncestor,
    };
  });
}

browserTest(
  "the live region announces loading, then the loaded report, also on refresh",
  async (env) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await withWidget(env, { userId: DEMO_USERS.noMapping }, {
      beforeOpen: (context) =>
        context.route(`${env.backend.baseUrl}/admin/threedeye/users/**`, async (route) => {
          await held;
          await route.continue();
        }),
    }, async (page) => {
      await waitForState(page, "loading");
      await recordAnnouncements(page);
      // While loading, the region must not sit inside an aria-busy subtree: assistive technology
      // may hold back a busy region's changes until it is done, and "Loading" would never be said.
      assertEquals(await liveRegion(page), { role: "status", live: "polite", busyAncestor: null });
      assertEquals(
        await page.locator(`${TAG} #body`).getAttribute("aria-busy"),
        "true",
        "the loading body itself is marked busy",
      );
      release();
      await waitForState(page, "report");
      await page.locator(`${TAG} button[part~="refresh-button"]`).click();
      await page.waitForFunction(() =>
        (globalThis as unknown as { announced: string[] }).announced.length >= 3
      );
      assertEquals(await announced(page), [
        "Diagnostics loaded: 2 findings need attention.",
        "Loading diagnostics…",
        "Diagnostics loaded: 2 findings need attention.",
      ]);
    });
  },
);

browserTest(
  "the live region announces searches, the list, the empty state, one match and refused input",
  async (env) => {
    await withWidget(env, SEARCH_HOST, {}, async (page) => {
      await waitForState(page, "form");
      await recordAnnouncements(page);
      const said = async (count: number) => {
        await page.waitForFunction(
          (n) => (globalThis as unknown as { announced: string[] }).announced.length >= n,
          count,
        );
        return await announced(page);
      };
      await lookUp(page, "Alice@Example.com");
      assertEquals(await said(2), [
        "Searching users by email…",
        "2 users found. Pick one to open its report.",
      ]);
      await lookUp(page, "nobody@example.com");
      assertEquals((await said(4)).slice(2), [
        "Searching users by email…",
        "No user with this email.",
      ]);
      await lookUp(page, "alice");
      assertEquals((await said(5)).slice(4), ["Enter a user ID (a UUID) or an email address."]);
      await lookUp(page, "bob@example.com");
      assertEquals((await said(8)).slice(5), [
        "Searching users by email…",
        "Loading diagnostics…",
        "1 user found: opened. Diagnostics loaded: 2 findings need attention.",
      ]);
      assertEquals((await liveRegion(page)).busyAncestor, null);
    });
  },
);

browserTest("the live region announces a failed load with its advice", async (env) => {
  await withWidget(
    env,
    {
      userId: DEMO_USERS.healthy,
      credentials: { adminKey: env.backend.adminKey, jwt: env.backend.nonAdminJwt },
    },
    {},
    async (page) => {
      await waitForState(page, "forbidden");
      await recordAnnouncements(page);
      await page.locator(`${TAG} button[part~="refresh-button"]`).click();
      await page.waitForFunction(() =>
        (globalThis as unknown as { announced: string[] }).announced.length >= 2
      );
      const [loading, failed] = await announced(page);
      assertEquals(loading, "Loading diagnostics…");
      assertStringIncludes(failed, "Not an admin.");
      assertStringIncludes(failed, "may not use admin diagnostics");
    },
  );
});

browserTest(
  "the live region announces the Turnkey panel's outcome after the report",
  async (env) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await withWidget(env, {
      userId: DEMO_USERS.healthy,
      attributes: turnkeyAttributes(env),
    }, {
      beforeOpen: (context) =>
        context.route(`${env.backend.baseUrl}/admin/turnkey/users/**`, async (route) => {
          await held;
          await route.continue();
        }),
    }, async (page) => {
      await page.locator(`${TAG} section.turnkey[data-state="loading"]`).waitFor({
        timeout: 15_000,
      });
      await recordAnnouncements(page);
      release();
      await page.waitForFunction(() =>
        (globalThis as unknown as { announced: string[] }).announced.length >= 1
      );
      assertEquals(await announced(page), [
        "Diagnostics loaded: no problems found. Turnkey user loaded.",
      ]);
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Console

browserTest("loading /admin and /docs logs no console error, the favicon included", async (env) => {
  for (const path of ["/admin", "/docs"]) {
    const { context, page, problems } = await openPage(env.browser, env.backend.baseUrl, {
      attributes: {},
    }, { appPath: path });
    try {
      await page.waitForLoadState("load");
      if (path === "/admin") {
        // Headless Chromium asks for /favicon.ico only now and then; a desktop browser always
        // does, and a 404 there is a console error on every load. Ask for it as an image (the
        // page's CSP allows same-origin images; /docs allows none, so it is asked here).
        await page.evaluate(async () => {
          const icon = new Image();
          await new Promise((resolve) => {
            icon.onload = icon.onerror = resolve;
            icon.src = "/favicon.ico";
          });
        });
      }
      assertEquals(problems, [], path);
    } finally {
      await context.close();
    }
  }
});

closeEnvironmentTest();
