/**
 * The Worker bundle must not reach for another runtime: no Deno namespace, no `node:sqlite`
 * (the embedded store of the Deno server). Either would throw in workerd at the first request or
 * fail the upload, so the build scans the bundled output and stops. Nor does it carry the
 * OpenTelemetry API the Deno entry adapts: the Worker's observability is the platform's
 * (`wrangler.jsonc`), and the tracing port's no-op default costs it nothing.
 *
 * @module
 */

/** What must never appear in the Worker bundle, and why. */
export const FORBIDDEN_IN_WORKER: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /\bDeno\./, reason: "uses the Deno namespace" },
  { pattern: /node:sqlite/, reason: "imports node:sqlite" },
  { pattern: /\bDatabaseSync\b/, reason: "uses node:sqlite's DatabaseSync" },
  { pattern: /opentelemetry\.js\.api|@opentelemetry\//, reason: "bundles the OpenTelemetry API" },
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
 * import { assertEquals } from "@std/assert";
 * import { findRuntimeLeaks } from "./bundle_purity.ts";
 * assertEquals(findRuntimeLeaks("export default { fetch() {} };").length, 0);
 * assertEquals(findRuntimeLeaks('import { DatabaseSync } from "node:sqlite";').length, 2);
 * assertEquals(findRuntimeLeaks('globalThis[Symbol.for("opentelemetry.js.api.1")]').map((l) => l.reason), [
 *   "bundles the OpenTelemetry API",
 * ]);
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
