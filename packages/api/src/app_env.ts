/**
 * The Hono environment of the app: per-request variables set by middleware.
 *
 * @module
 */

/** Variables middleware puts on the context. */
export interface AppVariables {
  /** The request id echoed in `X-Request-Id` and every error envelope. */
  requestId: string;
  /** The authenticated admin's JWT `sub` (never the email); unset before auth. */
  adminSubject?: string;
}

/** The Hono `Env` of the app. */
export interface AppEnv {
  Variables: AppVariables;
}
