import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { explain, type Finding, FINDING_CODES } from "@spkey/contracts";
import { HOSTILE_EMAIL, REPORTS } from "./_fixtures.ts";
import { renderFindings, severityBadge } from "./findings_view.ts";

/** Every finding explain() gives for the fixture reports, keyed by code. */
function findingsByCode(): Map<string, Finding> {
  const byCode = new Map<string, Finding>();
  for (const report of Object.values(REPORTS)) {
    for (const finding of explain(report)) byCode.set(finding.code, finding);
  }
  return byCode;
}

const TONE_FOR: Record<string, string> = { error: "bad", warning: "warn", info: "info", ok: "ok" };
const LABEL_FOR: Record<string, string> = {
  error: "Error",
  warning: "Warning",
  info: "Info",
  ok: "OK",
};

Deno.test("the fixture reports make explain() produce every finding code of @spkey/contracts", () => {
  assertEquals([...findingsByCode().keys()].sort(), [...FINDING_CODES].sort());
});

Deno.test("every finding code renders as a list item with its severity badge, message and code", () => {
  for (const [code, finding] of findingsByCode()) {
    const out = renderFindings([finding]).value;
    const tone = TONE_FOR[finding.severity];
    assertMatch(out, /<section class="findings"[^>]*aria-labelledby="findings-h"/, code);
    assertStringIncludes(out, `<h3 id="findings-h">Findings</h3>`, code);
    assertStringIncludes(out, `<ul role="list">`, code);
    assertStringIncludes(out, `data-code="${code}" data-severity="${finding.severity}"`, code);
    assertStringIncludes(out, `part="badge badge-${tone}" data-tone="${tone}"`, code);
    assertStringIncludes(out, `<span class="sr">`, code);
    assertStringIncludes(out, `</span>${LABEL_FOR[finding.severity]}</span>`, code);
    assertStringIncludes(out, `<code class="code">${code}</code>`, code);
    // Messages are plain text: compare after escaping the characters explain() may use.
    const escaped = finding.message.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(
      ">",
      "&gt;",
    )
      .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
    assertStringIncludes(out, `<span class="msg">${escaped}</span>`, code);
  }
});

Deno.test("findings keep explain()'s most-severe-first order", () => {
  const findings = explain(REPORTS.orphanedRemote);
  const out = renderFindings(findings).value;
  const positions = findings.map((f) => out.indexOf(`data-code="${f.code}"`));
  assert(positions.every((p) => p >= 0));
  assertEquals(positions, [...positions].sort((a, b) => a - b));
  assertEquals(findings[0].severity, "error");
});

Deno.test("a finding message carrying a hostile probe error is escaped", () => {
  const report = {
    ...REPORTS.probeError,
    remote: { ...REPORTS.probeError.remote, error: HOSTILE_EMAIL },
  };
  const out = renderFindings(explain(report)).value;
  assertEquals(out.includes("<img"), false);
  assertStringIncludes(out, "&lt;img src=x onerror=alert(1)&gt;");
});

Deno.test("severityBadge maps each severity and reads unknown ones as info", () => {
  assertEquals(severityBadge("error"), { tone: "bad", label: "Error" });
  assertEquals(severityBadge("warning"), { tone: "warn", label: "Warning" });
  assertEquals(severityBadge("info"), { tone: "info", label: "Info" });
  assertEquals(severityBadge("ok"), { tone: "ok", label: "OK" });
  assertEquals(severityBadge("critical"), { tone: "info", label: "Info" });
});

Deno.test("an empty findings list says so", () => {
  assertStringIncludes(renderFindings([]).value, "No findings.");
});
