/**
 * The widget in real (Debian) Chromium against a running API: every demo state, every error
 * state, the credentials form, keyboard use, the Turnkey panel, narrow and dark layouts. Each
 * test saves a screenshot under `test-output/`. One browser and one API serve all tests of this
 * file (`widget_env.ts`); the last test closes them. Accessibility (axe, keyboard, live region)
 * is checked in `accessibility_browser_test.ts`.
 */
import {
  assert,
  assertEquals,
  assertLessOrEqual,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import type { Page } from "playwright-core";
import { openPage, screenshot, TAG } from "./browser.ts";
import {
  browserTest,
  closeEnvironmentTest,
  events,
  state,
  waitForState,
  withWidget,
} from "./widget_env.ts";

const cardBadge = (page: Page, card: string) =>
  page.locator(`${TAG} [data-card="${card}"] h3 .badge`);
const statusText = (page: Page) => page.locator(`${TAG} [role="status"]`).textContent();

interface DemoExpectation {
  name: string;
  userId: string;
  /** Badge text and tone per card: user, mapping, recovery, remote. */
  cards: Record<"user" | "mapping" | "recovery" | "remote", [string, string]>;
  /** Finding codes, most severe first. */
  findings: string[];
  /** Text the report must show somewhere. */
  text: string[];
}

const DEMO: DemoExpectation[] = [
  {
    name: "healthy",
    userId: "11111111-1111-4111-8111-111111111111",
    cards: {
      user: ["Found", "ok"],
      mapping: ["Linked", "ok"],
      recovery: ["None", "ok"],
      remote: ["Match", "ok"],
    },
    findings: ["all_good"],
    text: ["alice@example.com", "td-1001", "2026-01-05 10:00 UTC", "cust-demo-001"],
  },
  {
    name: "noMapping",
    userId: "22222222-2222-4222-8222-222222222222",
    cards: {
      user: ["Found", "ok"],
      mapping: ["No mapping", "bad"],
      recovery: ["None", "ok"],
      remote: ["Email not found", "warn"],
    },
    findings: ["mapping_not_found", "email_not_in_customer"],
    text: ["bob@example.com"],
  },
  {
    name: "noPassword",
    userId: "33333333-3333-4333-8333-333333333333",
    cards: {
      user: ["Found", "ok"],
      mapping: ["No password", "warn"],
      recovery: ["None", "ok"],
      remote: ["Match", "ok"],
    },
    findings: ["password_missing"],
    text: ["carol@example.com", "td-1003", "2026-02-10 08:30 UTC"],
  },
  {
    name: "accountGone",
    userId: "44444444-4444-4444-8444-444444444444",
    cards: {
      user: ["Found", "ok"],
      mapping: ["Missing in 3dEye", "bad"],
      recovery: ["None", "ok"],
      remote: ["Email not found", "warn"],
    },
    findings: ["remote_account_missing", "email_not_in_customer"],
    text: ["dave@example.com", "td-1004"],
  },
  {
    name: "orphanedRemote",
    userId: "55555555-5555-4555-8555-555555555555",
    cards: {
      user: ["Found", "ok"],
      mapping: ["Missing in 3dEye", "bad"],
      recovery: ["None", "ok"],
      remote: ["Different account", "bad"],
    },
    findings: ["remote_account_missing", "email_mapped_to_other_account"],
    text: ["erin@example.com", "td-1005"],
  },
  {
    name: "caseMismatch",
    userId: "66666666-6666-4666-8666-666666666666",
    cards: {
      user: ["Found", "ok"],
      mapping: ["Linked", "ok"],
      recovery: ["None", "ok"],
      remote: ["Email not found", "warn"],
    },
    findings: ["email_not_in_customer", "email_case_mismatch"],
    text: ["frank@example.com", "Frank@Example.com"],
  },
  {
    name: "withRecovery",
    userId: "77777777-7777-4777-8777-777777777777",
    cards: {
      user: ["Found", "ok"],
      mapping: ["Linked", "ok"],
      recovery: ["Recovery row", "info"],
      remote: ["Match", "ok"],
    },
    findings: ["recovery_row_present", "all_good"],
    text: ["role-owner", "role-viewer", "2026-05-20 16:20 UTC"],
  },
  {
    name: "unknown",
    userId: "99999999-9999-4999-8999-999999999999",
    cards: {
      user: ["Not found", "bad"],
      mapping: ["No mapping", "info"],
      recovery: ["None", "ok"],
      remote: ["Reachable", "info"],
    },
    findings: ["user_not_found"],
    text: ["No user with ID", "99999999-9999-4999-8999-999999999999"],
  },
];

for (const demo of DEMO) {
  browserTest(`the ${demo.name} demo user renders its cards, badges and findings`, async (env) => {
    await withWidget(env, { userId: demo.userId }, {}, async (page) => {
      await waitForState(page, demo.name === "unknown" ? "unknown-user" : "report");
      for (const [card, [label, tone]] of Object.entries(demo.cards)) {
        const badge = cardBadge(page, card);
        assertEquals(await badge.getAttribute("data-tone"), tone, `${demo.name} ${card} tone`);
        assertStringIncludes(
          (await badge.textContent()) ?? "",
          label,
          `${demo.name} ${card} label`,
        );
      }
      const codes = await page.locator(`${TAG} .finding`).evaluateAll((items) =>
        items.map((i) => i.getAttribute("data-code"))
      );
      assertEquals(codes, demo.findings);
      const text = (await page.locator(TAG).evaluate((el) => el.shadowRoot!.textContent)) ?? "";
      for (const expected of demo.text) assertStringIncludes(text, expected);
      const loaded = (await events(page)).filter((e) => e.type === "loaded");
      assertEquals(loaded.length, 1);
      assertEquals((loaded[0].detail as { userId: string }).userId, demo.userId);
      await screenshot(page, `demo-${demo.name}`);
    });
  });
}

async function assertFailure(
  page: Page,
  kind: string,
  status: number,
  title: string,
): Promise<void> {
  await waitForState(page, kind);
  const box = page.locator(`${TAG} [part~="error"]`);
  assertEquals(await box.getAttribute("data-status"), String(status));
  assertStringIncludes((await box.textContent()) ?? "", title);
  assertStringIncludes((await statusText(page)) ?? "", title);
  const errors = (await events(page)).filter((e) => e.type === "error");
  assertEquals(errors.length, 1);
  assertEquals((errors[0].detail as { status: number }).status, status);
}

browserTest("a malformed user id shows the 400 state with the request id", async (env) => {
  await withWidget(env, { userId: "not-a-uuid" }, {}, async (page) => {
    await assertFailure(page, "bad-request", 400, "That user ID is not valid");
    const requestId = await page.locator(`${TAG} [data-request-id]`).textContent();
    assertMatch(requestId ?? "", /\S+/);
    const detail = (await events(page)).find((e) => e.type === "error")!.detail as {
      error: { requestId: string; code: number };
    };
    assertEquals(detail.error.code, 400);
    assertEquals(detail.error.requestId, requestId);
    await screenshot(page, "error-400");
  });
});

browserTest("a wrong admin key shows the 401 state", async (env) => {
  await withWidget(
    env,
    {
      userId: DEMO[0].userId,
      credentials: { adminKey: "wrong-admin-key-0000000000", jwt: env.backend.adminJwt },
    },
    { extraHeaders: { "x-forwarded-for": "198.51.100.41" } },
    async (page) => {
      await assertFailure(page, "unauthorized", 401, "Not signed in");
      await screenshot(page, "error-401");
    },
  );
});

browserTest("a valid JWT of a non-admin shows the 403 state", async (env) => {
  await withWidget(
    env,
    {
      userId: DEMO[0].userId,
      credentials: { adminKey: env.backend.adminKey, jwt: env.backend.nonAdminJwt },
    },
    { extraHeaders: { "x-forwarded-for": "198.51.100.43" } },
    async (page) => {
      await assertFailure(page, "forbidden", 403, "Not an admin");
      await screenshot(page, "error-403");
    },
  );
});

browserTest("too many failed attempts show the 429 state with Retry-After", async (env) => {
  const client = "198.51.100.29";
  // Use up the failure budget of one client address, then open the widget as that client.
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await fetch(`${env.backend.baseUrl}/admin/threedeye/users/${DEMO[0].userId}`, {
      headers: {
        "x-admin-api-key": "wrong-admin-key-0000000000",
        authorization: "Bearer x.y.z",
        "x-forwarded-for": client,
      },
    });
    await res.body?.cancel();
    if (res.status === 429) break;
    assertEquals(res.status, 401);
  }
  await withWidget(
    env,
    { userId: DEMO[0].userId },
    { extraHeaders: { "x-forwarded-for": client } },
    async (page) => {
      await assertFailure(page, "rate-limited", 429, "Too many attempts");
      const text = (await page.locator(`${TAG} [part~="error"]`).textContent()) ?? "";
      assertMatch(text, /Try again in \d+ (second|minute)s?\./);
      await screenshot(page, "error-429");
    },
  );
});

browserTest("an unreachable API (closed server) shows the network state", async (env) => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await withWidget(
    env,
    { userId: DEMO[0].userId, attributes: { "api-base": `http://127.0.0.1:${closedPort}` } },
    {},
    async (page) => {
      await assertFailure(page, "network", 0, "Cannot reach the diagnostics API");
      await screenshot(page, "error-network");
    },
  );
});

browserTest(
  "a failed 3dEye probe inside a 200 marks the remote card bad and keeps the rest",
  async (env) => {
    await env.backend.setThreedeyeFault("error500");
    try {
      await withWidget(env, { userId: DEMO[0].userId }, {}, async (page) => {
        await waitForState(page, "report");
        assertEquals(await cardBadge(page, "remote").getAttribute("data-tone"), "bad");
        assertStringIncludes((await cardBadge(page, "remote").textContent()) ?? "", "Probe failed");
        const probeError = page.locator(`${TAG} [data-card="remote"] [part~="probe-error"]`);
        assertStringIncludes((await probeError.textContent()) ?? "", "3dEye probe failed");
        assertEquals(await cardBadge(page, "user").getAttribute("data-tone"), "ok");
        assertStringIncludes(
          (await page.locator(`${TAG} [data-card="user"]`).textContent()) ?? "",
          "alice@example.com",
        );
        const codes = await page.locator(`${TAG} .finding`).evaluateAll((items) =>
          items.map((i) => i.getAttribute("data-code"))
        );
        assert(codes.includes("probe_failed"), codes.join());
        await screenshot(page, "error-probe");
      });
    } finally {
      await env.backend.setThreedeyeFault(null);
    }
  },
);

browserTest(
  "the app's /admin page loads the served widget, whose form keeps credentials in memory only",
  async (env) => {
    const { context, page, problems } = await openPage(
      env.browser,
      env.backend.baseUrl,
      { attributes: {} },
      { appPath: "/admin" },
    );
    try {
      await waitForState(page, "form");
      const form = page.locator(`${TAG} form`);
      assertEquals(await form.locator("#admin-key").getAttribute("type"), "password");
      assertEquals(await form.locator("#jwt").getAttribute("type"), "password");
      await screenshot(page, "form-empty");
      // Submitting empty fields names the first missing one.
      await form.locator('button[type="submit"]').click();
      assertStringIncludes(
        (await form.locator("[data-form-error]").textContent()) ?? "",
        "User ID or email is required",
      );
      await page.getByLabel("User ID or email").fill(DEMO[6].userId);
      await page.getByLabel("Admin API key").fill(env.backend.adminKey);
      await page.getByLabel("Admin JWT").fill(env.backend.adminJwt);
      await page.getByLabel("Admin JWT").press("Enter");
      await waitForState(page, "report");
      assertStringIncludes((await cardBadge(page, "recovery").textContent()) ?? "", "Recovery row");
      // The page links the report (`deep-link`): its user id, nothing else.
      assertEquals(page.url(), `${env.backend.baseUrl}/admin#user=${DEMO[6].userId}`);
      const stored = await page.evaluate(() => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
      }));
      assertEquals(stored, { local: 0, session: 0, cookie: "" });
      assertEquals((await context.cookies()).length, 0);
      await screenshot(page, "form-submitted");
      // The user id came from the form, so the report offers to look up another user.
      await page.getByLabel("User ID or email").fill(DEMO[1].userId);
      await page.getByRole("button", { name: "Look up" }).click();
      await page.locator(`${TAG} [data-card="user"] dd`, { hasText: "bob@example.com" }).waitFor({
        timeout: 15_000,
      });
      // The page's strict Content-Security-Policy holds: no violation, no uncaught error.
      assertEquals(problems, []);
      await screenshot(page, "form-lookup-another");
    } finally {
      await context.close();
    }
  },
);

browserTest("credentials from an async getCredentials callback load the report", async (env) => {
  await withWidget(env, { userId: DEMO[2].userId, mode: "callback" }, {}, async (page) => {
    await waitForState(page, "report");
    assertStringIncludes((await cardBadge(page, "mapping").textContent()) ?? "", "No password");
    await screenshot(page, "callback-credentials");
  });
});

browserTest("while the report loads the widget shows a busy loading state", async (env) => {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await withWidget(env, { userId: DEMO[1].userId }, {
    beforeOpen: (context) =>
      context.route(`${env.backend.baseUrl}/admin/threedeye/users/**`, async (route) => {
        await released;
        await route.continue();
      }),
  }, async (page) => {
    await waitForState(page, "loading");
    const body = page.locator(`${TAG} #body`);
    assertEquals(await body.getAttribute("aria-busy"), "true");
    assertEquals(await statusText(page), "Loading diagnostics…");
    await screenshot(page, "loading");
    release();
    await waitForState(page, "report");
    assertEquals(await body.getAttribute("aria-busy"), "false");
  });
});

browserTest("a failing getCredentials callback shows the form with the reason", async (env) => {
  await withWidget(env, { userId: DEMO[0].userId, mode: "failing-callback" }, {}, async (page) => {
    await waitForState(page, "form");
    const problem = (await page.locator(`${TAG} [data-form-error]`).textContent()) ?? "";
    assertStringIncludes(problem, "Could not get credentials from the page: session expired");
    const errors = (await events(page)).filter((e) => e.type === "error");
    assertEquals(errors.map((e) => e.detail), [{
      status: 0,
      error: "Could not get credentials from the page: session expired",
      requestId: null,
      source: "credentials",
    }]);
    await screenshot(page, "callback-failed");
  });
});

browserTest("changing the user-id attribute loads the other user", async (env) => {
  await withWidget(env, { userId: DEMO[0].userId }, {}, async (page) => {
    await waitForState(page, "report");
    await page.locator(TAG).evaluate((el, id) => el.setAttribute("user-id", id), DEMO[3].userId);
    await page.locator(`${TAG} [data-card="mapping"] code`, { hasText: "td-1004" }).waitFor({
      timeout: 15_000,
    });
    assertStringIncludes(
      (await cardBadge(page, "mapping").textContent()) ?? "",
      "Missing in 3dEye",
    );
    await screenshot(page, "attribute-change");
  });
});

browserTest(
  "the refresh button is reachable with Tab and Enter reloads the report",
  async (env) => {
    await withWidget(env, { userId: DEMO[0].userId }, {}, async (page) => {
      await waitForState(page, "report");
      let reportRequests = 0;
      page.on("request", (r) => {
        if (r.url().includes("/admin/threedeye/users/")) reportRequests++;
      });
      const refresh = page.locator(`${TAG} button[part~="refresh-button"]`);
      let focused = false;
      for (let i = 0; i < 10 && !focused; i++) {
        await page.keyboard.press("Tab");
        focused = await refresh.evaluate((b) =>
          b.getRootNode() instanceof ShadowRoot &&
          (b.getRootNode() as ShadowRoot).activeElement === b
        );
      }
      assert(focused, "Tab never reached the refresh button");
      assert(
        await refresh.evaluate((b) => b.matches(":focus-visible")),
        "the focused button shows no focus ring",
      );
      const outline = await refresh.evaluate((b) => getComputedStyle(b).outlineStyle);
      assertEquals(outline, "solid");
      await screenshot(page, "keyboard-focus");
      await page.keyboard.press("Enter");
      await waitForState(page, "report");
      await page.waitForFunction(() =>
        (globalThis as unknown as { widgetEvents: { type: string }[] }).widgetEvents.filter((e) =>
          e.type === "loaded"
        ).length === 2
      );
      assertEquals(reportRequests, 1);
    });
  },
);

browserTest(
  "the Turnkey panel shows the user, authenticators, API keys with expiry, OAuth, MFA policies and tags",
  async (env) => {
    const { turnkey } = env.backend;
    await withWidget(
      env,
      {
        userId: DEMO[0].userId,
        attributes: {
          "turnkey-user-id": turnkey.userId,
          "turnkey-organization-id": turnkey.organizationId,
        },
      },
      {},
      async (page) => {
        const panel = page.locator(`${TAG} section.turnkey[data-state="loaded"]`);
        await panel.waitFor({ timeout: 15_000 });
        const text = (await panel.textContent()) ?? "";
        for (
          const expected of [
            turnkey.userName,
            "Authenticators (1)",
            "API keys (2)",
            "OAuth providers (1)",
            "Tags (1)",
            "MFA policies (2)",
            "No expiry",
            "Google",
            "Hybrid (phone)",
            "Passkey or email code to sign",
            "Passkey or Email code",
            "SMS code",
          ]
        ) {
          assertStringIncludes(text, expected);
        }
        const policies = panel.locator("[data-mfa-policy]");
        assertEquals(await policies.count(), 2);
        assertStringIncludes((await policies.nth(1).textContent()) ?? "", "Step 2");
        assertEquals(await panel.locator('[data-expiry="none"]').count(), 1);
        assertEquals(
          await panel.locator(
            '[data-expiry="expired"], [data-expiry="expiring"], [data-expiry="active"]',
          ).count(),
          1,
        );
        assert((await events(page)).some((e) => e.type === "turnkey-loaded"));
        await screenshot(page, "turnkey-panel");
      },
    );
  },
);

browserTest(
  "in dark mode the Turnkey panel's MFA policies are light text on a dark background",
  async (env) => {
    const { turnkey } = env.backend;
    await withWidget(
      env,
      {
        userId: DEMO[0].userId,
        attributes: {
          "turnkey-user-id": turnkey.userId,
          "turnkey-organization-id": turnkey.organizationId,
        },
      },
      { colorScheme: "dark" },
      async (page) => {
        const policy = page.locator(`${TAG} section.turnkey [data-mfa-policy]`).first();
        await policy.waitFor({ timeout: 15_000 });
        const colours = await policy.evaluate((el) => {
          const code = el.querySelector("code")!;
          const term = el.querySelector("dt")!;
          return {
            bg: getComputedStyle(el).backgroundColor,
            fg: getComputedStyle(code).color,
            muted: getComputedStyle(term).color,
          };
        });
        const luminance = (rgb: string) => {
          const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        assert(luminance(colours.bg) < 0.2, `background ${colours.bg}`);
        assert(luminance(colours.fg) > 0.7, `condition text ${colours.fg}`);
        assert(luminance(colours.muted) > 0.4, `labels ${colours.muted}`);
        await policy.scrollIntoViewIfNeeded();
        await screenshot(page, "turnkey-panel-dark");
      },
    );
  },
);

browserTest("an unknown Turnkey user fails only the Turnkey panel", async (env) => {
  await withWidget(
    env,
    {
      userId: DEMO[0].userId,
      attributes: {
        "turnkey-user-id": "00000000-0000-4000-8000-000000000000",
        "turnkey-organization-id": env.backend.turnkey.organizationId,
      },
    },
    {},
    async (page) => {
      const panel = page.locator(`${TAG} section.turnkey[data-state="failure"]`);
      await panel.waitFor({ timeout: 15_000 });
      assertStringIncludes((await panel.textContent()) ?? "", "No such Turnkey user");
      assertEquals(await state(page, "report").count(), 1);
      await screenshot(page, "turnkey-not-found");
    },
  );
});

browserTest("at 320 px wide the report has no horizontal overflow", async (env) => {
  const { turnkey } = env.backend;
  await withWidget(
    env,
    {
      userId: DEMO[5].userId,
      attributes: {
        "turnkey-user-id": turnkey.userId,
        "turnkey-organization-id": turnkey.organizationId,
      },
    },
    { viewport: { width: 320, height: 640 } },
    async (page) => {
      await waitForState(page, "report");
      await page.locator(`${TAG} section.turnkey[data-state="loaded"]`).waitFor({
        timeout: 15_000,
      });
      await page.locator(`${TAG} details summary`).click();
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: innerWidth,
      }));
      assertLessOrEqual(widths.scroll, widths.inner);
      const columns = await page.locator(`${TAG} .cards`).evaluate((el) =>
        getComputedStyle(el).gridTemplateColumns.split(" ").length
      );
      assertEquals(columns, 1);
      await screenshot(page, "narrow-320");
    },
  );
});

browserTest("on a wide screen the cards form a multi-column grid", async (env) => {
  await withWidget(
    env,
    { userId: DEMO[0].userId },
    { viewport: { width: 1400, height: 900 } },
    async (page) => {
      await waitForState(page, "report");
      const columns = await page.locator(`${TAG} .cards`).evaluate((el) =>
        getComputedStyle(el).gridTemplateColumns.split(" ").length
      );
      assert(columns >= 3, `only ${columns} columns`);
      await screenshot(page, "wide-grid");
    },
  );
});

browserTest("dark mode renders light text on a dark background", async (env) => {
  await withWidget(env, { userId: DEMO[4].userId }, { colorScheme: "dark" }, async (page) => {
    await waitForState(page, "report");
    const colours = await page.locator(`${TAG} .panel`).evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, fg: s.color };
    });
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    assert(luminance(colours.bg) < 0.2, `background ${colours.bg}`);
    assert(luminance(colours.fg) > 0.7, `text ${colours.fg}`);
    await screenshot(page, "dark-mode");
  });
});

browserTest("untrusted strings from the API are shown as text, never as markup", async (env) => {
  const hostile = "<img src=x onerror=alert(1)>@example.com";
  await withWidget(env, { userId: DEMO[0].userId }, {}, async (page) => {
    await page.context().route(`${env.backend.baseUrl}/admin/threedeye/users/**`, async (route) => {
      const response = await route.fetch();
      const report = await response.json();
      report.user.email = hostile;
      report.remote.sampleEmails = [hostile];
      await route.fulfill({ response, json: report });
    });
    await page.locator(`${TAG} button[part~="refresh-button"]`).click();
    await page.locator(`${TAG} [data-card="user"] dd`, { hasText: hostile }).waitFor({
      timeout: 15_000,
    });
    assertEquals(await page.locator(`${TAG} img`).count(), 0);
    await screenshot(page, "escaped-strings");
  });
});

browserTest("the copy button puts the report JSON on the clipboard", async (env) => {
  await withWidget(env, { userId: DEMO[0].userId }, {}, async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: env.backend.baseUrl,
    });
    await waitForState(page, "report");
    await page.locator(`${TAG} button[data-action="copy"]`).click();
    await page.waitForFunction(
      (tag) =>
        document.querySelector(tag)!.shadowRoot!.querySelector('[role="status"]')!.textContent!
          .includes("copied"),
      TAG,
    );
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assertEquals(copied.userId, DEMO[0].userId);
    assertEquals(copied.mapping.threedeyeUserId, "td-1001");
    await screenshot(page, "copied");
  });
});

closeEnvironmentTest();
