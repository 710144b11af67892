/**
 * The Worker bundle must not reach for another runtime: no Deno namespace, no `node:sqlite`
 * (the embedded store of the Deno server). Either would throw in workerd at the first request or
 * fail the upload, so the build scans the bundled output and stops.
 *
 * @module
 */

/** What must never appear in the Worker bundle, and why. */
export const FORBIDDEN_IN_WORKER: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /\bDeno\./, reason: "uses the Deno namespace" },
  { pattern: /node:sqlite/, reason: "imports node:sqlite" },
  { pattern: /\bDatabaseSync\b/, reason: "uses node:sqlite's DatabaseSync" },
];

/** One forbidden use found in a bundle. */
export interface RuntimeLeak {
  reason: string;
  /** 1-based line of the bundle. */
  line: number;
  /** The matching line, trimmed and cut to 160 characters. */
  excerpt: string;
}

/**
 * Every forbidden use in `code` (a bundled Worker script), in order.
 *
 * @example
 * ```ts
 * import { findRuntimeLeaks } from "./bundle_purity.ts";
 * console.assert(findRuntimeLeaks("export default { fetch() {} };").length === 0);
 * console.assert(findRuntimeLeaks('import { DatabaseSync } from "node:sqlite";').length === 2);
 * ```
 */
export function findRuntimeLeaks(code: string): RuntimeLeak[] {
  const leaks: RuntimeLeak[] = [];
  code.split("\n").forEach((text, index) => {
    for (const { pattern, reason } of FORBIDDEN_IN_WORKER) {
      if (pattern.test(text)) {
        leaks.push({ reason, line: index + 1, excerpt: text.trim().slice(0, 160) });
      }
    }
  });
  return leaks;
}

/** A readable multi-line account of `leaks` in `file`, for a failed build. */
export function describeRuntimeLeaks(file: string, leaks: readonly RuntimeLeak[]): string {
  return [
    `The Worker bundle ${file} reaches for another runtime (${leaks.length} finding(s)):`,
    ...leaks.map((leak) => `  line ${leak.line}: ${leak.reason}: ${leak.excerpt}`),
  ].join("\n");
}
