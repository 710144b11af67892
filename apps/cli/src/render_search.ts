/**
 * Renders the answer of a search by email for a terminal: a headline saying how many users have
 * the address, then one aligned line per candidate (user id, stored email, whether a 3dEye
 * mapping exists, when the user was created) and what to run next.
 *
 * @module
 */
import type { ThreedeyeUserSearch } from "@spkey/contracts";

const BOLD: [string, string] = ["\x1b[1m", "\x1b[22m"];
const DIM: [string, string] = ["\x1b[2m", "\x1b[22m"];

/**
 * The headline of a search answer: how many users have the address.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { searchHeadline } from "./render_search.ts";
 * const answer = { email: "nobody@example.com", candidates: [], limit: 20, truncated: false };
 * assertEquals(
 *   searchHeadline(answer),
 *   "No user has the email nobody@example.com (ASCII letter case ignored).",
 * );
 * ```
 */
export function searchHeadline(answer: ThreedeyeUserSearch): string {
  const { email, candidates, truncated } = answer;
  const address = `the email ${email} (ASCII letter case ignored)`;
  if (truncated) {
    return `More than ${candidates.length} users have ${address}; the first ${candidates.length}, ` +
      "oldest first:";
  }
  if (candidates.length === 0) return `No user has ${address}.`;
  if (candidates.length === 1) return `1 user has ${address}: ${candidates[0].userId}`;
  return `${candidates.length} users have ${address}, oldest first:`;
}

/**
 * Formats a search answer as human-readable text: the headline, and for any candidates a table
 * and the command that diagnoses one of them.
 *
 * @param answer A validated search answer.
 * @param color Whether to use ANSI styles (bold headline, dim column names).
 * @returns Lines joined by `\n`, without a trailing newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderSearch } from "./render_search.ts";
 * const text = renderSearch({
 *   email: "alice@example.com",
 *   candidates: [
 *     { userId: "11111111-1111-4111-8111-111111111111", email: "alice@example.com", createdAt: "2026-01-05T09:58:00.000Z", hasThreedeyeMapping: true },
 *     { userId: "88888888-8888-4888-8888-888888888888", email: "Alice@Example.com", createdAt: null, hasThreedeyeMapping: false },
 *   ],
 *   limit: 20,
 *   truncated: false,
 * }, false);
 * assertEquals(text.split("\n").slice(2, 5), [
 *   "  userId                                email              3dEye mapping  created",
 *   "  11111111-1111-4111-8111-111111111111  alice@example.com  yes            2026-01-05T09:58:00.000Z",
 *   "  88888888-8888-4888-8888-888888888888  Alice@Example.com  no             —",
 * ]);
 * ```
 */
export function renderSearch(answer: ThreedeyeUserSearch, color: boolean): string {
  const paint = ([on, off]: [string, string], text: string) => color ? `${on}${text}${off}` : text;
  const lines = [paint(BOLD, searchHeadline(answer))];
  if (answer.candidates.length === 0) return lines.join("\n");
  const header = ["userId", "email", "3dEye mapping", "created"];
  const rows = answer.candidates.map((c) => [
    c.userId,
    c.email,
    c.hasThreedeyeMapping ? "yes" : "no",
    c.createdAt ?? "—",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `  ${
      cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]) : cell)).join("  ")
    }`;
  lines.push("", paint(DIM, line(header)), ...rows.map(line));
  lines.push("", "Diagnose one of them: deno task diagnose <userId>");
  return lines.join("\n");
}
