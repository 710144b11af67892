/**
 * A request whose 400 envelope carries one of zod's OWN messages (not one of the app's custom
 * ones): a query parameter given twice arrives as an array where zod expects a string. Its wording
 * comes from zod's default English locale, which the Worker bundle must keep while it drops the
 * other locales (see src/zod_aliases/locales.ts). Measured on the untrimmed bundle first.
 *
 * @module
 */

/** `GET` path (admin auth needed) that fails zod's own string check on `organizationId`. */
export const REPEATED_QUERY_PATH =
  "/admin/turnkey/users/some-user?organizationId=a&organizationId=b";

/** The exact 400 envelope fields zod's English locale yields for {@linkcode REPEATED_QUERY_PATH}. */
export const ENGLISH_VALIDATION_ENVELOPE = {
  error: "Bad Request",
  message: "Invalid query parameter organizationId: Invalid input: expected string, received array",
  code: 400,
  details: {
    target: "query",
    issues: [{ path: "organizationId", message: "Invalid input: expected string, received array" }],
  },
} as const;
