/**
 * The Deno entry's log sink: the app's JSON lines written to stdout once per macrotask turn (one
 * write for a burst of requests instead of one synchronous write per line), flushed on unload.
 *
 * @module
 */
import type { LogSink } from "@spkey/api";

/** A sink batching JSON lines onto `out` (default stdout). */
export function batchedStdoutSink(
  out: { writeSync(bytes: Uint8Array): number } = Deno.stdout,
): LogSink {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const bytes = encoder.encode(pending.join(""));
    pending = [];
    let written = 0;
    while (written < bytes.length) written += out.writeSync(bytes.subarray(written));
  };
  globalThis.addEventListener("unload", flush);
  return (line) => {
    if (pending.length === 0) setTimeout(flush, 0);
    pending.push(JSON.stringify(line) + "\n");
  };
}
