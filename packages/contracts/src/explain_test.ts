import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import type { ThreedeyeDiagnostics } from "./diagnostics.ts";
import { explain, FINDING_CODES, type FindingCode, type FindingSeverity } from "./explain.ts";

/** A report where everything agrees. */
function healthy(): ThreedeyeDiagnostics {
  return {
    userId: "0b7e3c2a-4d5f-4a6b-8c7d-9e0f1a2b3c4d",
    user: { found: true, email: "ana.lima@example.com" },
    mapping: {
      found: true,
      threedeyeUserId: "3de-10042",
      hasPassword: true,
      createdAt: "2026-03-01T09:30:00Z",
      remoteAccountExists: true,
    },
    recovery: { found: false, roleIds: [] },
    remote: {
      configured: true,
      customerId: "cust-demo-001",
      customerUserCount: 42,
      emailPresentInCustomer: true,
      match: true,
      sampleEmails: ["ana.lima@example.com", "bo@example.com"],
      error: null,
    },
  };
}

type Patch = {
  [K in keyof ThreedeyeDiagnostics]?: Partial<ThreedeyeDiagnostics[K]>;
};

function report(patch: Patch): ThreedeyeDiagnostics {
  const base = healthy();
  return {
    userId: base.userId,
    user: { ...base.user, ...patch.user },
    mapping: { ...base.mapping, ...patch.mapping },
    recovery: { ...base.recovery, ...patch.recovery },
    remote: { ...base.remote, ...patch.remote },
  };
}

const NO_MAPPING = {
  found: false,
  threedeyeUserId: null,
  hasPassword: false,
  createdAt: null,
  remoteAccountExists: null,
};

const CASES: {
  name: string;
  report: ThreedeyeDiagnostics;
  expected: [FindingSeverity, FindingCode][];
  says?: string;
}[] = [
  {
    name: "a healthy user is all good",
    report: healthy(),
    expected: [["ok", "all_good"]],
    says: "Everything checks out",
  },
  {
    name: "an unknown user",
    report: report({
      user: { found: false, email: null },
      mapping: NO_MAPPING,
      remote: { emailPresentInCustomer: null, match: null },
    }),
    expected: [["error", "user_not_found"]],
    says: "No user",
  },
  {
    name: "a user without email",
    report: report({
      user: { email: null },
      remote: { emailPresentInCustomer: null, match: null },
    }),
    expected: [["warning", "user_has_no_email"]],
    says: "no email",
  },
  {
    name: "a user never provisioned",
    report: report({
      mapping: NO_MAPPING,
      remote: { emailPresentInCustomer: false, match: null },
    }),
    expected: [["error", "mapping_not_found"], ["warning", "email_not_in_customer"]],
    says: "no 3dEye mapping",
  },
  {
    name: "a mapping whose 3dEye account is gone",
    report: report({
      mapping: { remoteAccountExists: false },
      remote: { emailPresentInCustomer: false, match: null },
    }),
    expected: [["error", "remote_account_missing"], ["warning", "email_not_in_customer"]],
    says: "no longer exists",
  },
  {
    name: "an email not visible in the customer",
    report: report({ remote: { emailPresentInCustomer: false, match: null, sampleEmails: [] } }),
    expected: [["warning", "email_not_in_customer"]],
    says: "not visible",
  },
  {
    name: "an email found under a different 3dEye id",
    report: report({ remote: { match: false } }),
    expected: [["error", "email_mapped_to_other_account"]],
    says: "different 3dEye account",
  },
  {
    name: "an email differing only by case",
    report: report({
      remote: {
        emailPresentInCustomer: false,
        match: null,
        sampleEmails: ["Ana.Lima@Example.com", "bo@example.com"],
      },
    }),
    expected: [["warning", "email_not_in_customer"], ["warning", "email_case_mismatch"]],
    says: "letter case",
  },
  {
    name: "an email differing only by surrounding spaces",
    report: report({
      remote: {
        emailPresentInCustomer: false,
        match: null,
        sampleEmails: [" ana.lima@example.com"],
      },
    }),
    expected: [["warning", "email_not_in_customer"], ["warning", "email_case_mismatch"]],
  },
  {
    name: "a mapping without a stored password",
    report: report({ mapping: { hasPassword: false } }),
    expected: [["error", "password_missing"]],
    says: "no stored password",
  },
  {
    name: "a recovery row, with its role ids",
    report: report({ recovery: { found: true, roleIds: ["role-viewer", "role-owner"] } }),
    expected: [["info", "recovery_row_present"], ["ok", "all_good"]],
    says: "role-viewer, role-owner",
  },
  {
    name: "a failed 3dEye probe, quoting its error",
    report: report({
      mapping: { remoteAccountExists: null },
      remote: {
        customerUserCount: null,
        emailPresentInCustomer: null,
        match: null,
        sampleEmails: [],
        error: "3dEye answered HTTP 503",
      },
    }),
    expected: [["warning", "probe_failed"]],
    says: "failed, so the 3dEye side is unknown: 3dEye answered HTTP 503",
  },
  {
    name: "3dEye not configured",
    report: report({
      mapping: { remoteAccountExists: null },
      remote: {
        configured: false,
        customerId: null,
        customerUserCount: null,
        emailPresentInCustomer: null,
        match: null,
        sampleEmails: [],
      },
    }),
    expected: [["info", "threedeye_not_configured"], ["ok", "all_good"]],
    says: "not configured",
  },
  {
    name: "several problems, most severe first",
    report: report({
      mapping: { hasPassword: false },
      recovery: { found: true, roleIds: [] },
      remote: {
        emailPresentInCustomer: false,
        match: false,
        sampleEmails: ["ANA.LIMA@example.com"],
      },
    }),
    expected: [
      ["error", "password_missing"],
      ["error", "email_mapped_to_other_account"],
      ["warning", "email_not_in_customer"],
      ["warning", "email_case_mismatch"],
      ["info", "recovery_row_present"],
    ],
    says: "role ids: none",
  },
];

for (const { name, report, expected, says } of CASES) {
  Deno.test(`explain(): ${name}`, () => {
    const findings = explain(report);
    assertEquals(findings.map((f) => [f.severity, f.code]), expected);
    if (says) assertStringIncludes(findings.map((f) => f.message).join(" "), says);
  });
}

Deno.test("explain(): a case variant is not flagged when the exact email is also present", () => {
  const findings = explain(
    report({ remote: { sampleEmails: ["ana.lima@example.com", "ANA.LIMA@example.com"] } }),
  );
  assertEquals(findings.map((f) => f.code), ["all_good"]);
});

Deno.test("explain(): every finding code is covered by a case and is snake_case", () => {
  const covered = new Set(CASES.flatMap((c) => c.expected.map(([, code]) => code)));
  for (const code of FINDING_CODES) {
    assert(covered.has(code), `no case covers ${code}`);
    assert(/^[a-z]+(_[a-z0-9]+)*$/.test(code), code);
  }
});

Deno.test("explain(): findings never carry the user's email", () => {
  const cases = CASES.map((c) => c.report);
  for (const r of cases) {
    for (const finding of explain(r)) {
      assert(!finding.message.toLowerCase().includes("ana.lima"), finding.message);
    }
  }
});
