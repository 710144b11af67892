/**
 * The Deno entry's log sink: the app's JSON lines collected and written to stdout in batches (one
 * write per few milliseconds of traffic instead of one synchronous write per line), flushed
 * early when a batch grows large and on unload.
 *
 * @module
 */
import type { LogSink } from "@spkey/api";

/** When {@linkcode batchedStdoutSink} writes a batch. */
export interface LogBatchOptions {
  /** At most this long after a batch's first line (default 10 ms). */
  maxDelayMs?: number;
  /** Or as soon as the batch holds this many characters (default 64 Ki). */
  maxChars?: number;
}

/**
 * A sink batching JSON lines onto `out` (default stdout).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { batchedStdoutSink } from "./stdout_log_sink.ts";
 * const written: string[] = [];
 * const out = { writeSync: (b: Uint8Array) => (written.push(new TextDecoder().decode(b)), b.length) };
 * const log = batchedStdoutSink(out, { maxDelayMs: 1 });
 * log({ msg: "request" });
 * await new Promise((resolve) => setTimeout(resolve, 10));
 * assertEquals(written.join(""), '{"msg":"request"}\n');
 * ```
 */
export function batchedStdoutSink(
  out: { writeSync(bytes: Uint8Array): number } = Deno.stdout,
  options: LogBatchOptions = {},
): LogSink {
  const maxDelayMs = options.maxDelayMs ?? 10;
  const maxChars = options.maxChars ?? 64 * 1024;
  const encoder = new TextEncoder();
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === "") return;
    const bytes = encoder.encode(pending);
    pending = "";
    let written = 0;
    while (written < bytes.length) written += out.writeSync(bytes.subarray(written));
  };
  globalThis.addEventListener("unload", flush);
  return (line) => {
    pending += JSON.stringify(line) + "\n";
    if (pending.length >= maxChars) flush();
    else timer ??= setTimeout(flush, maxDelayMs);
  };
}
