import { assert, assertEquals } from "@std/assert";
import {
  type ThreedeyeUserSearch,
  ThreedeyeUserSearchSchema,
  USER_SEARCH_EMAIL_MAX_LENGTH,
  UserSearchEmailSchema,
} from "./user_search.ts";

const ALICE = "11111111-1111-4111-8111-111111111111";
const ALICE_AGAIN = "88888888-8888-4888-8888-888888888888";

function answer(overrides: Partial<ThreedeyeUserSearch> = {}): ThreedeyeUserSearch {
  return {
    email: "alice@example.com",
    candidates: [
      {
        userId: ALICE,
        email: "alice@example.com",
        createdAt: "2026-01-05T09:58:00.000Z",
        hasThreedeyeMapping: true,
      },
      {
        userId: ALICE_AGAIN,
        email: "Alice@Example.com",
        createdAt: null,
        hasThreedeyeMapping: false,
      },
    ],
    limit: 20,
    truncated: false,
    ...overrides,
  };
}

/** The first issue's path and message, or null when `input` parses. */
function firstIssue(input: unknown): [string, string] | null {
  const result = ThreedeyeUserSearchSchema.safeParse(input);
  if (result.success) return null;
  const [issue] = result.error.issues;
  return [issue.path.join("."), issue.message];
}

Deno.test("a search answer with candidates, or with none, parses unchanged", () => {
  assertEquals(ThreedeyeUserSearchSchema.parse(answer()), answer());
  const none = answer({ email: "nobody@example.com", candidates: [] });
  assertEquals(ThreedeyeUserSearchSchema.parse(none), none);
});

Deno.test("a truncated answer lists exactly `limit` candidates", () => {
  assertEquals(firstIssue(answer({ limit: 2, truncated: true })), null);
  const short = "must list at most `limit` candidates, and exactly `limit` when truncated";
  assertEquals(firstIssue(answer({ limit: 3, truncated: true })), ["candidates", short]);
  assertEquals(firstIssue(answer({ limit: 1 })), ["candidates", short]);
});

const REJECTED_ANSWERS: Array<[string, unknown, string]> = [
  [
    "a candidate id that is not a UUID",
    { ...answer(), candidates: [{ ...answer().candidates[0], userId: "u-1" }] },
    "candidates.0.userId",
  ],
  [
    "a createdAt that is not ISO 8601",
    { ...answer(), candidates: [{ ...answer().candidates[0], createdAt: "yesterday" }] },
    "candidates.0.createdAt",
  ],
  [
    "a password leaking into a candidate",
    { ...answer(), candidates: [{ ...answer().candidates[0], password: "hunter2" }] },
    "candidates.0",
  ],
  ["a missing truncated flag", { ...answer(), truncated: undefined }, "truncated"],
  ["a zero limit", { ...answer(), candidates: [], limit: 0 }, "limit"],
];

for (const [name, input, path] of REJECTED_ANSWERS) {
  Deno.test(`the search answer rejects ${name}`, () => {
    assertEquals(firstIssue(input)?.[0], path);
  });
}

Deno.test("the email query is trimmed and keeps its letter case", () => {
  assertEquals(UserSearchEmailSchema.parse(" \tBob@Example.COM \n"), "Bob@Example.COM");
  assertEquals(UserSearchEmailSchema.parse("jürgen.müller@exämple.de"), "jürgen.müller@exämple.de");
  assertEquals(UserSearchEmailSchema.parse("o'brien+tag@mail.example.co.uk").length, 30);
});

Deno.test("the email query accepts exactly up to 254 characters", () => {
  const at = (length: number) => `${"a".repeat(64)}@${"b".repeat(length - 70)}.test`;
  assertEquals(at(USER_SEARCH_EMAIL_MAX_LENGTH).length, 254);
  assert(UserSearchEmailSchema.safeParse(at(254)).success);
  const tooLong = UserSearchEmailSchema.safeParse(at(255));
  assertEquals(tooLong.error?.issues[0].message, "must be at most 254 characters");
});

const MALFORMED: Array<[string, unknown, string]> = [
  ["no @", "alice.example.com", "must be an email address (local@domain)"],
  ["two @", "alice@example@com", "must be an email address (local@domain)"],
  ["an empty local part", "@example.com", "must be an email address (local@domain)"],
  ["an empty domain", "alice@", "must be an email address (local@domain)"],
  ["a domain without a dot", "alice@localhost", "must be an email address (local@domain)"],
  ["an empty domain label", "alice@example..com", "must be an email address (local@domain)"],
  ["a trailing dot", "alice@example.com.", "must be an email address (local@domain)"],
  ["a space inside", "ali ce@example.com", "must be an email address (local@domain)"],
  ["a NUL byte", "alice\u0000@example.com", "must be an email address (local@domain)"],
  ["a C1 control character", "alice\u0085@example.com", "must be an email address (local@domain)"],
  ["a quote", 'al"ice@example.com', "must be an email address (local@domain)"],
  ["a 65-character local part", `${"a".repeat(65)}@example.com`, "must be an email address"],
  ["only spaces", "   ", "must be an email address (local@domain)"],
  ["nothing", undefined, "is required (the email address to search for)"],
  ["a list (the parameter given twice)", ["a@example.com", "b@example.com"], "must be given once"],
  ["a number", 42, "must be a string"],
];

for (const [name, input, message] of MALFORMED) {
  Deno.test(`the email query rejects ${name}`, () => {
    const result = UserSearchEmailSchema.safeParse(input);
    assert(!result.success, `${JSON.stringify(input)} should be rejected`);
    assert(
      result.error.issues[0].message.startsWith(message),
      `${result.error.issues[0].message} should start with ${message}`,
    );
  });
}
