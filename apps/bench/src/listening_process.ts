/**
 * Starts a server subprocess that announces its port with a JSON line `{"msg":"listening",
 * "port":…}` on stdout (the Deno entry and the bench server both do), and records WHEN: the
 * cold-start figures are the time from spawn to that line and to the first 200.
 *
 * After the announcement stdout is drained without decoding (the request logs are not needed
 * here and must not cost this process CPU during a load run); the last stderr lines are kept
 * for error messages.
 *
 * @module
 */
import { stopChild } from "@spkey/standins";

/** A running server subprocess. */
export interface ListeningProcess {
  port: number;
  baseUrl: string;
  /** Milliseconds from spawn to the listening line. */
  listenedAfterMs: number;
  /** `performance.now()` at spawn. */
  spawnedAt: number;
  /** The last stderr lines (for failure messages). */
  stderrTail(): string;
  /** The JSON lines of stdout after the listening line; empty unless `keepStdout` was set. */
  jsonLogs(): Array<Record<string, unknown>>;
  /** SIGTERM, then SIGKILL after 5 s; waits for exit. */
  close(): Promise<void>;
}

/**
 * Spawns `command` (stdout and stderr must be piped) and waits for its listening line.
 *
 * @throws {Error} With the stderr tail when the process exits or stays silent too long.
 */
export async function startListeningProcess(
  command: Deno.Command,
  options: {
    name: string;
    timeoutMs?: number;
    /** Keep stdout after the listening line (raw bytes, decoded only when asked). */
    keepStdout?: boolean;
  },
): Promise<ListeningProcess> {
  const spawnedAt = performance.now();
  const child = command.spawn();
  let stderr = "";
  const stderrDone = child.stderr.pipeTo(
    new WritableStream({
      write(chunk) {
        stderr = (stderr + new TextDecoder().decode(chunk)).slice(-4000);
      },
    }),
  ).catch(() => {});
  let announce: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => (announce = resolve));
  const kept: Uint8Array[] = [];
  const stdoutDone = drainUntilListening(
    child.stdout,
    (port) => announce(port),
    options.keepStdout ? (chunk) => kept.push(chunk) : null,
  ).catch(() => {});

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await stopChild(child);
    await Promise.all([stdoutDone, stderrDone]);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    listening.then((port) => ({ port, at: performance.now() })),
    child.status.then((status) => ({ exited: status.code })),
    new Promise<{ timeout: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timeout: true }), options.timeoutMs ?? 30_000);
    }),
  ]);
  clearTimeout(timer);
  if (!("port" in outcome)) {
    await close();
    const why = "exited" in outcome ? `it exited with code ${outcome.exited}` : "it never listened";
    throw new Error(`Starting ${options.name} failed: ${why}.\n${stderr.trim()}`);
  }
  return {
    port: outcome.port,
    baseUrl: `http://127.0.0.1:${outcome.port}`,
    listenedAfterMs: outcome.at - spawnedAt,
    spawnedAt,
    stderrTail: () => stderr.trim(),
    jsonLogs: () => jsonLines(kept),
    close,
  };
}

async function drainUntilListening(
  stream: ReadableStream<Uint8Array>,
  onPort: (port: number) => void,
  keep: ((chunk: Uint8Array) => void) | null,
): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  let found = false;
  for await (const chunk of stream) {
    if (found) {
      keep?.(chunk);
      continue;
    }
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    const at = lines.findIndex((line) => listeningPort(line) !== null);
    if (at < 0) continue;
    found = true;
    onPort(listeningPort(lines[at])!);
    // Whatever came in the same chunk after the listening line is log output too.
    const rest = [...lines.slice(at + 1), pending].join("\n");
    if (rest !== "") keep?.(new TextEncoder().encode(rest));
  }
}

function jsonLines(chunks: readonly Uint8Array[]): Array<Record<string, unknown>> {
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") +
    decoder.decode();
  return text.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

/**
 * The port announced by a `{"msg":"listening","port":…}` line, else null.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { listeningPort } from "./listening_process.ts";
 * assertEquals(listeningPort('{"msg":"listening","port":8787}'), 8787);
 * assertEquals(listeningPort('{"msg":"request"}'), null);
 * ```
 */
export function listeningPort(line: string): number | null {
  if (!line.startsWith("{")) return null;
  try {
    const parsed = JSON.parse(line);
    return parsed?.msg === "listening" && typeof parsed.port === "number" ? parsed.port : null;
  } catch {
    return null;
  }
}
