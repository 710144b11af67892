import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { z } from "zod";
import { ThreedeyeDiagnosticsSchema } from "./diagnostics.ts";
// The reference's example payload, its placeholders replaced by real values.
import { validReport } from "../test/json_schema_cases.ts";

/** Every field the spec declares nullable, as [section, field]. */
const NULLABLE_FIELDS = [
  ["user", "email"],
  ["mapping", "threedeyeUserId"],
  ["mapping", "createdAt"],
  ["mapping", "remoteAccountExists"],
  ["remote", "customerId"],
  ["remote", "customerUserCount"],
  ["remote", "emailPresentInCustomer"],
  ["remote", "match"],
  ["remote", "error"],
] as const;

function withField(section: string, field: string, value: unknown): unknown {
  const report = structuredClone(validReport()) as unknown as Record<
    string,
    Record<string, unknown>
  >;
  report[section][field] = value;
  return report;
}

Deno.test("the reference example (placeholders replaced) parses unchanged", () => {
  const example = validReport();
  assertEquals(ThreedeyeDiagnosticsSchema.parse(example), example);
});

for (const [section, field] of NULLABLE_FIELDS) {
  Deno.test(`${section}.${field} accepts JSON null and rejects the string "null"`, () => {
    const accepted = ThreedeyeDiagnosticsSchema.safeParse(withField(section, field, null));
    assert(accepted.success, `null should be accepted for ${section}.${field}`);
    const rejected = ThreedeyeDiagnosticsSchema.safeParse(withField(section, field, "null"));
    assert(!rejected.success, `"null" should be rejected for ${section}.${field}`);
    const [issue] = rejected.error.issues;
    assertEquals(issue.path, [section, field]);
    assertMatch(
      issue.message,
      /not the string "null"|Invalid ISO datetime|Invalid input: expected (boolean|number)/,
    );
  });
}

const REJECTIONS: { name: string; input: unknown; path: (string | number)[]; message: string }[] = [
  {
    name: "a userId that is not a UUID",
    input: { ...validReport(), userId: "example_string" },
    path: ["userId"],
    message: "Invalid UUID",
  },
  {
    name: "a createdAt that is not ISO 8601",
    input: withField("mapping", "createdAt", "yesterday"),
    path: ["mapping", "createdAt"],
    message: "Invalid ISO datetime",
  },
  {
    name: "more than five sample emails",
    input: withField("remote", "sampleEmails", ["a@x", "b@x", "c@x", "d@x", "e@x", "f@x"]),
    path: ["remote", "sampleEmails"],
    message: "Too big",
  },
  {
    name: "a negative customer user count",
    input: withField("remote", "customerUserCount", -1),
    path: ["remote", "customerUserCount"],
    message: "Too small",
  },
  {
    name: "a password leaking into the mapping",
    input: withField("mapping", "password", "hunter2"),
    path: ["mapping"],
    message: 'Unrecognized key: "password"',
  },
  {
    name: "a missing section",
    input: { ...validReport(), recovery: undefined },
    path: ["recovery"],
    message: "expected object",
  },
];

for (const { name, input, path, message } of REJECTIONS) {
  Deno.test(`the report schema rejects ${name} with a clear message`, () => {
    const result = ThreedeyeDiagnosticsSchema.safeParse(input);
    assert(!result.success);
    assertEquals(result.error.issues[0].path, path);
    assertStringIncludes(result.error.issues[0].message, message);
  });
}

Deno.test("the report and its four sections have stable names for generated types", () => {
  const jsonSchema = z.toJSONSchema(ThreedeyeDiagnosticsSchema) as {
    $ref: string;
    $defs: Record<string, { properties?: Record<string, unknown> }>;
  };
  assertEquals(jsonSchema.$ref, "#/$defs/ThreedeyeDiagnostics");
  assertEquals(Object.keys(jsonSchema.$defs).sort(), [
    "DiagnosticsMapping",
    "DiagnosticsRecovery",
    "DiagnosticsRemote",
    "DiagnosticsUser",
    "ThreedeyeDiagnostics",
  ]);
  assertEquals(jsonSchema.$defs.ThreedeyeDiagnostics.properties?.remote, {
    $ref: "#/$defs/DiagnosticsRemote",
  });
});
