import { assertEquals } from "@std/assert";
import {
  normaliseTimestamp,
  parseRoleIds,
  toMappingRecord,
  toUserCandidateRecord,
} from "./records.ts";

Deno.test("normaliseTimestamp turns stored timestamps into UTC ISO 8601", () => {
  const cases: Array<[unknown, string | null]> = [
    ["2026-01-05T10:00:00.000Z", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T10:00:00Z", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05 10:00:00", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T10:00", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T12:00:00+02:00", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T12:00:00+0200", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05", "2026-01-05T00:00:00.000Z"],
    [" 2026-01-05 10:00:00.123 ", "2026-01-05T10:00:00.123Z"],
    [1767607200, "2026-01-05T10:00:00.000Z"],
    [1767607200000, "2026-01-05T10:00:00.000Z"],
    ["yesterday", null],
    ["2026-13-45 99:00:00", null],
    ["", null],
    [null, null],
    [{}, null],
  ];
  for (const [input, expected] of cases) {
    assertEquals(normaliseTimestamp(input), expected, `input ${JSON.stringify(input)}`);
  }
});

Deno.test("parseRoleIds reads JSON arrays and keeps malformed values visible", () => {
  const cases: Array<[unknown, string[]]> = [
    ['["role-owner","role-viewer"]', ["role-owner", "role-viewer"]],
    ["[]", []],
    ['[" role-a ", "", null, 7]', ["role-a", "7"]],
    ['[{"id":"x"}]', []],
    ['"role-single"', ["role-single"]],
    ["role-owner, role-viewer", ["role-owner", "role-viewer"]],
    ["[role-owner, 'role-viewer'", ["role-owner", "role-viewer"]],
    ['{"role":"x"}', ['{"role":"x"}']],
    ["42", ["42"]],
    ["", []],
    ["   ", []],
    [null, []],
    [undefined, []],
  ];
  for (const [input, expected] of cases) {
    assertEquals(parseRoleIds(input), expected, `input ${JSON.stringify(input)}`);
  }
});

Deno.test("toMappingRecord reads has_password as 0/1 or boolean", () => {
  const row = { threedeye_user_id: "td-1", created_at: "2026-01-05 10:00:00" };
  assertEquals(toMappingRecord({ ...row, has_password: 1 }).hasPassword, true);
  assertEquals(toMappingRecord({ ...row, has_password: true }).hasPassword, true);
  assertEquals(toMappingRecord({ ...row, has_password: 0 }).hasPassword, false);
  assertEquals(toMappingRecord({ ...row, has_password: null }).hasPassword, false);
  assertEquals(toMappingRecord({ ...row, has_password: 0 }).createdAt, "2026-01-05T10:00:00.000Z");
});

Deno.test("toUserCandidateRecord reads the computed mapping flag and normalises created_at", () => {
  const row = { id: "u-1", email: "Bob@Example.com", created_at: "2026-06-02 10:00:00" };
  assertEquals(toUserCandidateRecord({ ...row, has_threedeye_mapping: 1 }), {
    id: "u-1",
    email: "Bob@Example.com",
    createdAt: "2026-06-02T10:00:00.000Z",
    hasThreedeyeMapping: true,
  });
  assertEquals(
    toUserCandidateRecord({ ...row, has_threedeye_mapping: 1n }).hasThreedeyeMapping,
    true,
  );
  assertEquals(
    toUserCandidateRecord({ ...row, has_threedeye_mapping: 0 }).hasThreedeyeMapping,
    false,
  );
  assertEquals(
    toUserCandidateRecord({ ...row, created_at: "sometime", has_threedeye_mapping: false }),
    { id: "u-1", email: "Bob@Example.com", createdAt: null, hasThreedeyeMapping: false },
  );
});
