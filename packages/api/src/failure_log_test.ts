import { assertEquals } from "@std/assert";
import {
  TurnkeyApiError,
  TurnkeyResponseError,
  TurnkeyTimeoutError,
} from "@spkey/contracts/turnkey";
import { JwksUnavailableError } from "./auth/jwks.ts";
import { ApiException } from "./errors.ts";
import { failureLogFields } from "./failure_log.ts";
import { StoreUnavailableError } from "./domain.ts";

const EMAIL = "ada@example.com";
const failed = (cause?: unknown) => new ApiException(502, "Upstream failed.", { cause });

const CASES: Array<[string, ApiException, Record<string, unknown>]> = [
  ["an exception of ours", new ApiException(503, "Not configured."), {
    error: "ApiException",
    detail: "Not configured.",
  }],
  ["a database outage", failed(new StoreUnavailableError("Reading from D1 failed")), {
    error: "StoreUnavailableError",
    detail: "Reading from D1 failed",
  }],
  ["a JWKS outage", failed(new JwksUnavailableError("Fetching the JWKS failed with HTTP 500.")), {
    error: "JwksUnavailableError",
    detail: "Fetching the JWKS failed with HTTP 500.",
  }],
  ["a Turnkey timeout", failed(new TurnkeyTimeoutError(3000)), {
    error: "TurnkeyTimeoutError",
    detail: "Turnkey did not answer within 3000 ms",
  }],
  [
    "a Turnkey API error",
    failed(
      new TurnkeyApiError({ status: 403, grpcCode: 7, message: EMAIL, turnkeyErrorCode: "DENIED" }),
    ),
    { error: "TurnkeyApiError", upstreamStatus: 403, grpcCode: 7, turnkeyErrorCode: "DENIED" },
  ],
  [
    "a Turnkey API error with a code that is text",
    failed(new TurnkeyApiError({ status: 500, message: "x", turnkeyErrorCode: `see ${EMAIL}` })),
    { error: "TurnkeyApiError", upstreamStatus: 500, grpcCode: null, turnkeyErrorCode: null },
  ],
  ["an unusable Turnkey answer", failed(new TurnkeyResponseError(`type ${EMAIL}`, 200)), {
    error: "TurnkeyResponseError",
    upstreamStatus: 200,
  }],
  ["a JSON parse error", failed(new SyntaxError(`Unexpected token in "${EMAIL}"`)), {
    error: "SyntaxError",
  }],
  ["a thrown string", failed(EMAIL), { error: "string" }],
];

for (const [name, exception, expected] of CASES) {
  Deno.test(`failureLogFields for ${name}`, () => {
    assertEquals(failureLogFields(exception), expected);
  });
}

Deno.test("failureLogFields keeps one bounded line of our own messages", () => {
  const long = new StoreUnavailableError(`${"x".repeat(400)}\nsecond line`);
  assertEquals(failureLogFields(failed(long)).detail, "x".repeat(300));
});
