/**
 * The one `defaultHook` of the app: every failed zod validation (path, query, headers) becomes
 * the same 400 envelope with `details` listing the issues by path and message (the
 * `ValidationErrorDetails` schema of `@spkey/contracts`). Received values are never echoed back
 * (they could be credentials pasted into the wrong place).
 *
 * @module
 */
import type { Hook } from "@hono/zod-openapi";
import type { ValidationErrorDetails } from "@spkey/contracts";
import type { AppEnv } from "./app_env.ts";
import { ApiException } from "./errors.ts";

const TARGET_NAMES: Record<ValidationErrorDetails["target"], string> = {
  param: "path parameter",
  query: "query parameter",
  header: "header",
  cookie: "cookie",
  json: "JSON body field",
  form: "form field",
};

/** Throws the 400 {@linkcode ApiException} for a failed validation; passes successes through. */
// deno-lint-ignore no-explicit-any
export const validationHook: Hook<any, AppEnv, any, undefined> = (result) => {
  if (result.success) return;
  const issues: ValidationErrorDetails["issues"] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const target = result.target as ValidationErrorDetails["target"];
  const where = TARGET_NAMES[target] ?? target;
  const first = issues[0];
  const message = first ? `Invalid ${where} ${first.path}: ${first.message}` : `Invalid ${where}.`;
  throw new ApiException(400, message, {
    details: issues.length > 0 ? { target, issues } : undefined,
  });
};
