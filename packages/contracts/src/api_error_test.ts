import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { ApiErrorSchema } from "./api_error.ts";

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
