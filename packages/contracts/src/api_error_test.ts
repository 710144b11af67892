import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import {
  ApiErrorResponseSchema,
  ApiErrorSchema,
  ValidationErrorResponseSchema,
} from "./api_error.ts";

Deno.test("the reference's two error examples parse", () => {
  const unauthorized = {
    error: "Unauthorized",
    message: "Authentication required. Please provide a valid API token",
    code: 401,
  };
  const internal = {
    error: "Internal Server Error",
    message: "An unexpected error occurred on the server",
    code: 500,
    requestId: "req_1234567890",
  };
  assertEquals(ApiErrorSchema.parse(unauthorized), unauthorized);
  assertEquals(ApiErrorSchema.parse(internal), internal);
});

const REJECTIONS = [
  { name: "a 2xx code", input: { error: "OK", message: "fine", code: 200 }, message: "Too small" },
  { name: "a string code", input: { error: "X", message: "y", code: "401" }, message: "number" },
  { name: "a missing message", input: { error: "X", code: 400 }, message: "expected string" },
];

for (const { name, input, message } of REJECTIONS) {
  Deno.test(`the error envelope rejects ${name}`, () => {
    const result = ApiErrorSchema.safeParse(input);
    assert(!result.success);
    assertStringIncludes(result.error.issues[0].message, message);
  });
}

const SENT = {
  error: "Unauthorized",
  message: "Authentication required.",
  code: 401,
  requestId: "req_abc",
};

Deno.test("the lenient envelope accepts what other services send: no requestId, extra fields", () => {
  const { requestId: _, ...withoutId } = SENT;
  assertEquals(ApiErrorSchema.parse(withoutId), withoutId);
  assertEquals(ApiErrorSchema.parse({ ...SENT, traceId: "t-1" }).requestId, "req_abc");
});

const STRICT_REJECTIONS: Array<[string, unknown]> = [
  ["a missing requestId", { error: "Unauthorized", message: "m", code: 401 }],
  ["an empty requestId", { ...SENT, requestId: "" }],
  ["an extra field (e.g. a stack)", { ...SENT, stack: "Error: at x.ts:1" }],
  ["details outside a 400", { ...SENT, details: { anything: true } }],
];

for (const [name, input] of STRICT_REJECTIONS) {
  Deno.test(`the strict envelope rejects ${name}`, () => {
    assert(!ApiErrorResponseSchema.safeParse(input).success);
  });
}

Deno.test("the strict envelope accepts what this API sends", () => {
  assertEquals(ApiErrorResponseSchema.parse(SENT), SENT);
});

const VALIDATION_400 = {
  error: "Bad Request",
  message: "Invalid path parameter userId: must be a UUID",
  code: 400,
  requestId: "req_abc",
  details: { target: "param", issues: [{ path: "userId", message: "must be a UUID" }] },
};

Deno.test("the validation 400 types its details", () => {
  assertEquals(ValidationErrorResponseSchema.parse(VALIDATION_400), VALIDATION_400);
  const { details: _, ...noDetails } = VALIDATION_400;
  assertEquals(ValidationErrorResponseSchema.parse(noDetails), noDetails);
  const rejected: Array<[string, unknown]> = [
    ["another status", { ...VALIDATION_400, code: 401 }],
    ["an unknown target", {
      ...VALIDATION_400,
      details: { ...VALIDATION_400.details, target: "x" },
    }],
    ["no issues", { ...VALIDATION_400, details: { target: "param", issues: [] } }],
    [
      "a misspelt issue field",
      { ...VALIDATION_400, details: { target: "param", issues: [{ path: "a", mesage: "b" }] } },
    ],
  ];
  for (const [name, input] of rejected) {
    assert(!ValidationErrorResponseSchema.safeParse(input).success, name);
  }
});
