/**
 * The command's exit codes, its contract with scripts: 0–2 grade a report by its worst finding,
 * 3–4 say the command could not do its job, 5–6 say an email did not lead to exactly one user.
 *
 * @module
 */

/** Every exit code `spkey-diagnose` uses. */
export const EXIT_CODES = {
  /** The report has no warning or error (informational findings only). */
  ok: 0,
  /** The report's worst finding is a warning. */
  warnings: 1,
  /** The report has an error finding. */
  errors: 2,
  /** The command line was not usable. */
  usage: 3,
  /** The request failed: an HTTP error envelope (a malformed email is a 400), network, timeout. */
  requestFailed: 4,
  /** No user has the email (letter case ignored); the empty search answer is printed. */
  noMatch: 5,
  /** Several users have the email; their ids are printed, to diagnose one of them. */
  severalMatches: 6,
} as const;
