/**
 * A loopback HTTP server (127.0.0.1, OS-chosen port) that can be taken down and brought back on
 * the SAME port, which is how the stand-ins imitate an upstream that is "down": while stopped,
 * connections are refused, exactly as for a dead host.
 *
 * @module
 */

/** Handles one request; `stopping` aborts when the server stops, so slow handlers can give up. */
export type LoopbackHandler = (
  request: Request,
  stopping: AbortSignal,
) => Response | Promise<Response>;

/** A running (or stopped) loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, stable across stop/start. */
  readonly url: string;
  readonly port: number;
  /** Whether it currently accepts connections. */
  readonly running: boolean;
  /** Stops accepting connections (refused from now on) and ends in-flight requests. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): void;
  /** Stops for good. */
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1 with an OS-chosen port.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { serveLoopback } from "./loopback_server.ts";
 * const server = serveLoopback(() => new Response("ok"));
 * const text = await (await fetch(server.url)).text();
 * assertEquals(text, "ok");
 * await server.close();
 * ```
 */
export function serveLoopback(handler: LoopbackHandler): LoopbackServer {
  let stopping = new AbortController();
  let server: Deno.HttpServer<Deno.NetAddr> | null = null;
  let port = 0;

  function listen(): Deno.HttpServer<Deno.NetAddr> {
    const signal = stopping.signal;
    return Deno.serve(
      { hostname: "127.0.0.1", port, onListen: () => {} },
      (request) => handler(request, signal),
    );
  }

  server = listen();
  port = server.addr.port;

  async function stop(): Promise<void> {
    if (server === null) return;
    const current = server;
    server = null;
    stopping.abort();
    await current.shutdown();
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get running() {
      return server !== null;
    },
    stop,
    start() {
      if (server !== null) return;
      stopping = new AbortController();
      server = listen();
    },
    close: stop,
  };
}

/** Resolves after `ms`, or early when any of `signals` aborts. */
export function pause(ms: number, ...signals: AbortSignal[]): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const signal of signals) {
      if (signal.aborted) return done();
      signal.addEventListener("abort", done, { once: true });
    }
  });
}
