/**
 * The checks as a Markdown table: printed at the end of `deno task bench` and pasted as is into
 * BENCHMARKS.md, so the committed figures and a fresh run read the same way.
 *
 * @module
 */
import type { Check } from "./checks.ts";

const HEADER = ["Figure", "Measured", "Baseline (same run)", "Ratio / offset", "Target", "Met"];

/**
 * One Markdown table row per check (pipes in cells are escaped).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatChecksTable } from "./checks_table.ts";
 * const table = formatChecksTable([{
 *   id: "x", figure: "DB round trips", value: "1", baseline: "—", relation: "—",
 *   target: "= 1", met: true,
 * }]);
 * assertEquals(table.split("\n")[2], "| DB round trips | 1 | — | — | = 1 | yes |");
 * ```
 */
export function formatChecksTable(checks: readonly Check[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const rows = checks.map((c) => [
    c.figure,
    c.value,
    c.baseline,
    c.relation,
    c.target,
    c.met === null ? "not measured" : c.met === "reported" ? "reported" : c.met ? "yes" : "**NO**",
  ]);
  return [HEADER, HEADER.map(() => "---"), ...rows]
    .map((row) => `| ${row.map(cell).join(" | ")} |`)
    .join("\n");
}
