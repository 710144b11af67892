import { assert, assertEquals } from "@std/assert";
import { TurnkeyErrorBodySchema, turnkeyErrorCodeOf } from "./turnkey_error_body.ts";

const DETAIL_TYPE = "type.googleapis.com/errors.v1.TurnkeyErrorDetail";

const CASES = [
  {
    name: "a detail's code",
    body: {
      code: 3,
      message: "Max number of OTPs have been initiated please wait and try again",
      details: [{ "@type": DETAIL_TYPE, turnkeyErrorCode: "MAX_OTP_INITIATED" }],
      turnkeyErrorCode: "MAX_OTP_INITIATED",
    },
    expected: "MAX_OTP_INITIATED",
  },
  {
    name: "the first non-empty detail code",
    body: {
      code: 16,
      message: "expired",
      details: [{ "@type": DETAIL_TYPE }, { turnkeyErrorCode: "API_KEY_EXPIRED" }],
    },
    expected: "API_KEY_EXPIRED",
  },
  {
    name: "the top-level code when details have none",
    body: {
      code: 3,
      message: "too old",
      details: [],
      turnkeyErrorCode: "TVC_CLIENT_VERSION_TOO_OLD",
    },
    expected: "TVC_CLIENT_VERSION_TOO_OLD",
  },
  {
    name: "nothing for an empty top-level code (as in 429 answers)",
    body: { code: 8, message: "", details: [], turnkeyErrorCode: "" },
    expected: undefined,
  },
  { name: "nothing without details", body: { code: 13, message: "internal" }, expected: undefined },
];

for (const { name, body, expected } of CASES) {
  Deno.test(`turnkeyErrorCodeOf picks ${name}`, () => {
    assertEquals(turnkeyErrorCodeOf(TurnkeyErrorBodySchema.parse(body)), expected);
  });
}

Deno.test("a Turnkey error body keeps unknown fields and rejects a non-numeric code", () => {
  const parsed = TurnkeyErrorBodySchema.parse({ code: 5, message: "gone", details: [], extra: 1 });
  assertEquals((parsed as Record<string, unknown>).extra, 1);
  assert(!TurnkeyErrorBodySchema.safeParse({ code: "NOT_FOUND", message: "gone" }).success);
});
