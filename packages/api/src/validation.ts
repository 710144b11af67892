/**
 * The one `defaultHook` of the app: every failed zod validation (path, query, headers) becomes
 * the same 400 envelope with `details` listing the issues by path and message. Received values
 * are never echoed back (they could be credentials pasted into the wrong place).
 *
 * @module
 */
import type { Hook } from "@hono/zod-openapi";
import type { AppEnv } from "./app_env.ts";
import { ApiException } from "./errors.ts";

/** One validation problem. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const TARGET_NAMES: Record<string, string> = {
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
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const where = TARGET_NAMES[result.target] ?? result.target;
  const first = issues[0];
  const message = first ? `Invalid ${where} ${first.path}: ${first.message}` : `Invalid ${where}.`;
  throw new ApiException(400, message, {
    details: { target: result.target, issues },
  });
};
