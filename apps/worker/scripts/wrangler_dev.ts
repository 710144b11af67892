/**
 * Runs the Worker in real workerd through `wrangler dev --local` as a child process (from source,
 * reloading on change), and stops it again: what `deno task dev` serves. The tests and the
 * benchmarks serve the built bundle through Miniflare instead (`test/support/worker_stack.ts`).
 *
 * @module
 */
import { stopChild } from "@spkey/testkit";
import { wranglerCommand } from "./wrangler_cli.ts";

/** Options of {@linkcode startWranglerDev}. */
export interface WranglerDevOptions {
  /** Loopback port to listen on; 0 picks a free one. */
  port: number;
  /** Folder of the local D1 (and other local state). */
  persistTo: string;
  /** Dotenv file with the Worker's settings (see `writeDevVarsFile`). */
  envFile: string;
  /** Give up waiting after this long. Default 30 s (wrangler bundles on start). */
  readyTimeoutMs?: number;
  /** Echo wrangler's output (the Worker's log lines) to this process's stderr. */
  echo?: boolean;
}

/** A running `wrangler dev`. */
export interface WranglerDev {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Everything wrangler and the Worker printed so far. */
  output(): string;
  /** Stops wrangler (and its workerd) and waits for it to exit. */
  close(): Promise<void>;
}

/** Starts `wrangler dev --local` and resolves once `/healthz` answers below 500. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const port = options.port === 0 ? freeLoopbackPort() : options.port;
  const url = `http://127.0.0.1:${port}`;
  const child = wranglerCommand([
    "dev",
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    "0",
    "--persist-to",
    options.persistTo,
    "--env-file",
    options.envFile,
    "--show-interactive-dev-session=false",
    // "log" and not "info": wrangler ranks the Worker's console.log below info.
    "--log-level",
    "log",
  ]).spawn();

  // Separate buffers: a line of one stream must not be cut by a chunk of the other.
  let stdout = "";
  let stderr = "";
  const drain = (stream: ReadableStream<Uint8Array>, append: (piece: string) => void) => {
    const decoder = new TextDecoder();
    return stream.pipeTo(
      new WritableStream({
        write(chunk) {
          append(decoder.decode(chunk, { stream: true }));
          if (options.echo) Deno.stderr.writeSync(chunk);
        },
      }),
    ).catch(() => {/* the stream ends with the child */});
  };
  const drained = Promise.all([
    drain(child.stdout, (piece) => stdout += piece),
    drain(child.stderr, (piece) => stderr += piece),
  ]);
  const output = () => stdout + stderr;

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await stopChild(child);
    await drained;
  };

  try {
    await waitUntilUp(url + "/healthz", child.status, {
      timeoutMs: options.readyTimeoutMs ?? 30_000,
      isReady: (status) => status < 500,
      // Only wrangler's own "Ready on <url>" proves that the port is ours and not a stranger's.
      listening: () => output().includes(`Ready on ${url}`),
      output,
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { url, output, close };
}

async function waitUntilUp(
  url: string,
  exited: Promise<Deno.CommandStatus>,
  { timeoutMs, isReady, listening, output }: {
    timeoutMs: number;
    isReady: (status: number) => boolean;
    listening: () => boolean;
    output: () => string;
  },
): Promise<void> {
  let exitCode: number | null = null;
  exited.then((s) => exitCode = s.code);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      throw new Error(`Starting wrangler dev failed (exit ${exitCode}):\n${output().trim()}`);
    }
    if (listening()) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        if (isReady(response.status)) return;
      } catch {
        // The Worker is still loading.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Starting wrangler dev failed: ${url} did not answer within ${timeoutMs} ms.\n${output().trim()}`,
  );
}

/** A loopback port that was free a moment ago (wrangler needs a number up front). */
export function freeLoopbackPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
