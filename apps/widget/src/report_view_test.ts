import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { HOSTILE_EMAIL, REPORTS } from "./_fixtures.ts";
import { renderReportCards, sectionStatuses, yesNo } from "./report_view.ts";

Deno.test("sectionStatuses judges every demo state", () => {
  const table: [string, string, string, string, string][] = [
    // report, user, mapping, recovery, remote (tone:label)
    ["healthy", "ok:Found", "ok:Linked", "ok:None", "ok:Match"],
    ["noMapping", "ok:Found", "bad:No mapping", "ok:None", "warn:Email not found"],
    ["noPassword", "ok:Found", "warn:No password", "ok:None", "ok:Match"],
    ["accountGone", "ok:Found", "bad:Missing in 3dEye", "ok:None", "warn:Email not found"],
    ["orphanedRemote", "ok:Found", "bad:Missing in 3dEye", "ok:None", "bad:Different account"],
    ["caseMismatch", "ok:Found", "ok:Linked", "ok:None", "warn:Email not found"],
    ["withRecovery", "ok:Found", "ok:Linked", "info:Recovery row", "ok:Match"],
    ["unknown", "bad:Not found", "info:No mapping", "ok:None", "info:Reachable"],
    ["probeError", "ok:Found", "warn:Not verified", "ok:None", "bad:Probe failed"],
    ["notConfigured", "ok:Found", "warn:Not verified", "ok:None", "info:Not configured"],
  ];
  for (const [name, ...expected] of table) {
    const s = sectionStatuses(REPORTS[name]);
    const actual = [s.user, s.mapping, s.recovery, s.remote].map((x) => `${x.tone}:${x.label}`);
    assertEquals(actual, expected, name);
  }
});

Deno.test("a found email that is present but unmapped is a warning", () => {
  const report = {
    ...REPORTS.noMapping,
    remote: { ...REPORTS.noMapping.remote, emailPresentInCustomer: true },
  };
  assertEquals(sectionStatuses(report).remote, { tone: "warn", label: "Email found, not linked" });
});

Deno.test("renderReportCards renders four labelled cards with their tone and badge", () => {
  const out = renderReportCards(REPORTS.orphanedRemote).value;
  for (
    const [name, tone] of [["user", "ok"], ["mapping", "bad"], ["recovery", "ok"], [
      "remote",
      "bad",
    ]]
  ) {
    assertMatch(
      out,
      new RegExp(
        `part="card card-${name}" data-card="${name}"\\s+data-tone="${tone}" aria-labelledby="card-${name}-h"`,
      ),
    );
    assertMatch(out, new RegExp(`<h3 id="card-${name}-h">`));
  }
  assertStringIncludes(out, "Different account");
  assertStringIncludes(out, "<code>td-1005</code>");
});

Deno.test("renderReportCards formats the mapping date and lists roles and sample emails", () => {
  const out = renderReportCards(REPORTS.withRecovery).value;
  assertStringIncludes(
    out,
    `<time datetime="2026-05-20T16:20:00.000Z">2026-05-20 16:20 UTC</time>`,
  );
  assertStringIncludes(out, "<li>role-owner</li><li>role-viewer</li>");
  const healthy = renderReportCards(REPORTS.healthy).value;
  assertStringIncludes(healthy, "<li>Frank@Example.com</li>");
  assertStringIncludes(healthy, "<dt>Users in customer</dt><dd>10</dd>");
});

Deno.test("renderReportCards shows a probe error inside the remote card", () => {
  const out = renderReportCards(REPORTS.probeError).value;
  const remoteCard = out.slice(out.indexOf('data-card="remote"'));
  assertStringIncludes(remoteCard, `part="probe-error"`);
  assertStringIncludes(remoteCard, "3dEye answered 500 while listing users");
  assertStringIncludes(remoteCard, "Probe failed");
});

Deno.test("renderReportCards says when 3dEye is not configured", () => {
  assertStringIncludes(
    renderReportCards(REPORTS.notConfigured).value,
    "3dEye settings are not configured",
  );
});

Deno.test("renderReportCards escapes emails, ids and sample emails from the report", () => {
  const report = {
    ...REPORTS.healthy,
    user: { found: true, email: HOSTILE_EMAIL },
    mapping: { ...REPORTS.healthy.mapping, threedeyeUserId: '"><script>alert(1)</script>' },
    recovery: { found: true, roleIds: ["<b>role</b>"] },
    remote: { ...REPORTS.healthy.remote, sampleEmails: [HOSTILE_EMAIL], customerId: "<i>c</i>" },
  };
  const out = renderReportCards(report).value;
  assertEquals(out.includes("<img"), false);
  assertEquals(out.includes("<script"), false);
  assertEquals(out.includes("<b>role"), false);
  assertEquals(out.includes("<i>c"), false);
  assertStringIncludes(out, "&lt;img src=x onerror=alert(1)&gt;@example.com");
});

Deno.test("yesNo reads tri-state flags", () => {
  assertEquals([yesNo(true), yesNo(false), yesNo(null)], ["Yes", "No", "Unknown"]);
});
