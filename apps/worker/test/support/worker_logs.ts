/**
 * The Worker's structured log lines, read back from the text its runtime printed (workerd's own
 * stdout): one JSON object per line among other output.
 *
 * @module
 */

/**
 * The JSON objects among `text`'s lines; other lines (the runtime's own) are skipped.
 *
 * @example
 * ```ts
 * import { jsonLines } from "./worker_logs.ts";
 * const lines = jsonLines('Ready on http://x\n{"msg":"request"}\n{ not json\n');
 * if (lines.length !== 1 || lines[0].msg !== "request") throw new Error("wrong lines");
 * ```
 */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      lines.push(JSON.parse(line));
    } catch {
      // A line that merely starts with a brace.
    }
  }
  return lines;
}

/**
 * The first of `jsonLogs()` matching `predicate`, polling up to `timeoutMs`: the runtime prints a
 * request's line a moment after the response.
 *
 * @throws {Error} When no line matched in time.
 */
export async function waitForJsonLog(
  jsonLogs: () => Array<Record<string, unknown>>,
  predicate: (line: Record<string, unknown>) => boolean,
  timeoutMs = 5000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = jsonLogs().find(predicate);
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      throw new Error(`Waiting for a Worker log line failed: none matched within ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A Worker running locally in workerd (through Miniflare). */
export interface RunningWorker {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The process the `workerd` serving it descends from: this one (Miniflare runs in-process). */
  readonly parentPid: number;
  /** Everything the runtime printed so far (the Worker's log lines included). */
  output(): string;
  /** The Worker's structured (JSON) log lines so far. */
  jsonLogs(): Array<Record<string, unknown>>;
  /**
   * The first JSON log line matching `predicate`, waiting up to `timeoutMs` (default 5 s): a
   * runtime may print a request's line a moment after the response.
   */
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Stops the runtime and waits for it to exit. */
  close(): Promise<void>;
}
