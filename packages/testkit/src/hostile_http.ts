/**
 * Pieces of HOSTILE upstream behaviour the stand-ins share: a body that never ends, and a second
 * loopback origin that a redirect points at and that counts every request it receives (a client
 * that never follows redirects leaves it at zero).
 *
 * @module
 */
import { type LoopbackServer, serveLoopback } from "./loopback_server.ts";

/** How fast an endless body is sent: one chunk per timer tick. */
const ENDLESS_CHUNK_BYTES = 128 * 1024;

/**
 * A 200 whose JSON body never ends: `prefix`, then `item,` repeated, one 128 KiB chunk per timer
 * tick (so at most ~128 MB/s, whatever the client does), until the client cancels the stream or
 * `stopping` aborts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { endlessJsonResponse } from "./hostile_http.ts";
 * const response = endlessJsonResponse('{"data":[', '{"id":"x"}', new AbortController().signal);
 * const reader = response.body!.getReader();
 * const { value } = await reader.read();
 * assertEquals(new TextDecoder().decode(value!.subarray(0, 9)), '{"data":[');
 * await reader.cancel();
 * ```
 */
export function endlessJsonResponse(prefix: string, item: string, stopping: AbortSignal): Response {
  const encoder = new TextEncoder();
  const unit = `${item},`;
  const chunk = encoder.encode(
    unit.repeat(Math.max(1, Math.floor(ENDLESS_CHUNK_BYTES / unit.length))),
  );
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stopping.aborted) return controller.close();
      if (first) {
        first = false;
        controller.enqueue(encoder.encode(prefix));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
      controller.enqueue(chunk);
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}

/** The origin a hostile redirect points at. */
export interface RedirectTarget {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Requests it received (each one would be a leak: credentials, a body, a stamp). */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * Starts a loopback server that counts every request and answers each with a plausible 200
 * (`{ accessToken, data: [] }`), as a hostile origin collecting what it is sent would.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { startRedirectTarget } from "./hostile_http.ts";
 * const target = startRedirectTarget();
 * await (await fetch(`${target.url}/anything`)).body?.cancel();
 * assertEquals(target.requests, 1);
 * await target.close();
 * ```
 */
export function startRedirectTarget(): RedirectTarget {
  let requests = 0;
  const server: LoopbackServer = serveLoopback(() => {
    requests += 1;
    return Response.json({ accessToken: "collected", data: [] });
  });
  return {
    url: server.url,
    get requests() {
      return requests;
    },
    close: () => server.close(),
  };
}

/** A 307 to the same path and query on `target` (307 keeps the method and the body). */
export function redirectTo(target: RedirectTarget, request: Request): Response {
  const url = new URL(request.url);
  return new Response(null, {
    status: 307,
    headers: { location: `${target.url}${url.pathname}${url.search}` },
  });
}
