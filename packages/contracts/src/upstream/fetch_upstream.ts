/**
 * The one way this product calls an upstream HTTP API (3dEye, Turnkey, D1 over HTTP, a JWKS):
 * {@linkcode fetchUpstream} owns the bounds every such call needs, so no client repeats them.
 *
 * - **Time**: a per-call timeout and an optional overall deadline (absolute time, `Date.now()`
 *   clock), whichever is sooner, covering the request AND the body. A deadline already passed
 *   sends nothing.
 * - **Size**: the body is read as a stream and counted; past `maxBytes` the stream is cancelled
 *   and the call fails. A `Content-Length` over the cap fails before anything is read. The bytes
 *   are decoded as UTF-8 once, at the end.
 * - **Redirects**: never followed (`redirect: "manual"`); a 3xx (or a browser's opaque redirect)
 *   is an error. Following one would re-send credentials, bodies and stamps to another origin.
 * - **Cancellation**: the caller's `AbortSignal` ends the call at once.
 *
 * The bounds hold even for a `fetch` that ignores its signal: the wait for the answer and for
 * each body chunk races the abort.
 *
 * - **Tracing**: with `trace`, the call is one span of its own (body read included) carrying the
 *   method, host (and port when the URL names one), the request and response body sizes in bytes,
 *   the status and, on failure, the error's kind: never the path, the query, a header or a body. The
 *   runtime's own span of the `fetch` (Deno records one) nests under it.
 *
 * @module
 */
import type { SpanAttributes, Tracer } from "./tracer.ts";
import { UpstreamError } from "./upstream_error.ts";

/** Options of {@linkcode fetchUpstream}. */
export interface UpstreamOptions {
  /** The per-call timeout in ms (request and body). */
  timeoutMs: number;
  /** The byte cap of the body. */
  maxBytes: number;
  /** The overall deadline (ms since the epoch, `Date.now()` clock); default none. */
  deadline?: number;
  /** Aborts the call (the caller left). */
  signal?: AbortSignal;
  /** The fetch to use; default the global one, looked up at call time. */
  fetch?: typeof fetch;
  /** Records the call as a span (see the module doc); default none. */
  trace?: UpstreamTrace;
}

/** How one upstream call is reported as a span. */
export interface UpstreamTrace {
  tracer: Tracer;
  /** The span's name: the upstream and the call, no ids or query (`3dEye GET /users`). */
  name: string;
}

/** A complete upstream answer: any status except a redirect, with the whole body as text. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  /** The body decoded as UTF-8 (empty when there was none). */
  text: string;
}

/**
 * Sends one request and reads its whole answer within the bounds of `options`.
 *
 * @param url The URL.
 * @param init Method, headers and body; `redirect` and `signal` are set here.
 * @param options Timeout, byte cap, deadline, signal, fetch.
 * @returns The status, headers and body text.
 * @throws {UpstreamError} On timeout, deadline, too large a body, a redirect, a network failure
 *   or cancellation (see its `kind`).
 * @throws {RangeError} When `timeoutMs` or `maxBytes` is not positive.
 *
 * @example A body over the cap is refused
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { fetchUpstream, UpstreamError } from "@spkey/contracts/upstream";
 * const fakeFetch = () => Promise.resolve(new Response("x".repeat(2048)));
 * const error = await assertRejects(
 *   () => fetchUpstream("https://api.invalid/", {}, { timeoutMs: 1000, maxBytes: 1024, fetch: fakeFetch }),
 *   UpstreamError,
 * );
 * assertEquals([error.kind, error.limit], ["too_large", 1024]);
 * const small = await fetchUpstream("https://api.invalid/", {}, {
 *   timeoutMs: 1000, maxBytes: 1024, fetch: () => Promise.resolve(Response.json({ ok: true })),
 * });
 * assertEquals([small.status, small.text], [200, '{"ok":true}']);
 * ```
 */
export function fetchUpstream(
  url: string | URL,
  init: RequestInit,
  options: UpstreamOptions,
): Promise<UpstreamAnswer> {
  const { trace } = options;
  if (trace === undefined) return callUpstream(url, init, options, { bytes: 0 });
  return trace.tracer.inSpan(trace.name, requestAttributes(url, init), async (span) => {
    const received = { bytes: 0 };
    try {
      const answer = await callUpstream(url, init, options, received);
      span.setAttributes({
        "http.response.status_code": answer.status,
        "http.response.body.size": received.bytes,
      });
      return answer;
    } catch (error) {
      const upstream = error instanceof UpstreamError ? error : undefined;
      span.setAttributes({
        "http.response.status_code": upstream?.status,
        "http.response.body.size": received.bytes,
      });
      // Anything else (a RangeError for bad options) is failed by inSpan with its class name.
      if (upstream) span.fail(upstream.kind);
      throw error;
    }
  });
}

/** What a span may say about the request: method, host, port, body size; no path or query. */
function requestAttributes(url: string | URL, init: RequestInit): SpanAttributes {
  let parsed: URL | undefined;
  try {
    // Not URL.parse: Node 20, which the npm build supports, lacks it.
    parsed = new URL(url);
  } catch {
    // An invalid URL fails in fetch, and the span says so; it has no host to name.
  }
  const { body } = init;
  return {
    "http.request.method": (init.method ?? "GET").toUpperCase(),
    "server.address": parsed?.hostname,
    "server.port": parsed?.port ? Number(parsed.port) : undefined,
    // This product sends text bodies; a stream's size is not known up front.
    "http.request.body.size": typeof body === "string"
      ? new TextEncoder().encode(body).byteLength
      : body == null
      ? 0
      : undefined,
  };
}

/** The call itself; `received.bytes` counts the body bytes read, whatever the outcome. */
async function callUpstream(
  url: string | URL,
  init: RequestInit,
  options: UpstreamOptions,
  received: { bytes: number },
): Promise<UpstreamAnswer> {
  const { timeoutMs, maxBytes, signal } = options;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(`Calling an upstream needs a positive timeoutMs, got ${timeoutMs}`);
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`Calling an upstream needs a positive integer maxBytes, got ${maxBytes}`);
  }
  if (signal?.aborted) throw new UpstreamError("cancelled", {}, { cause: signal.reason });
  const remainingMs = (options.deadline ?? Infinity) - Date.now();
  if (remainingMs <= 0) throw new UpstreamError("deadline");
  const deadlineFirst = remainingMs < timeoutMs;

  const controller = new AbortController();
  let expired = false;
  // Our own timer, cleared below, rather than AbortSignal.timeout: nothing stays pending.
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, Math.min(timeoutMs, remainingMs));
  const onCallerAbort = () => controller.abort();
  signal?.addEventListener("abort", onCallerAbort, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), {
      once: true,
    });
  });
  aborted.catch(() => {});
  // Rejections that lose the race must not surface as unhandled.
  const raced = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => {});
    return Promise.race([promise, aborted]);
  };

  let response: Response | undefined;
  try {
    const doFetch = options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit));
    response = await raced(
      doFetch(url, { ...init, redirect: "manual", signal: controller.signal }),
    );
    if (isRedirect(response)) {
      throw new UpstreamError("redirect", { status: response.status });
    }
    const text = await readCapped(response, maxBytes, raced, received);
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    // A body never read is released here; a body being read is cancelled by readCapped.
    if (response?.body && !response.body.locked) response.body.cancel().catch(() => {});
    if (expired) {
      throw deadlineFirst
        ? new UpstreamError("deadline")
        : new UpstreamError("timeout", { limit: timeoutMs });
    }
    if (signal?.aborted) throw new UpstreamError("cancelled", {}, { cause: signal.reason });
    if (error instanceof UpstreamError) throw error;
    throw new UpstreamError("unreachable", {}, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onCallerAbort);
  }
}

/** A 3xx, or what a browser gives for one under `redirect: "manual"`. */
function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
}

/** The body as UTF-8 text, failing past `maxBytes` (declared or counted). */
async function readCapped(
  response: Response,
  maxBytes: number,
  raced: <T>(promise: Promise<T>) => Promise<T>,
  received: { bytes: number },
): Promise<string> {
  const tooLarge = () =>
    new UpstreamError("too_large", { status: response.status, limit: maxBytes });
  const declared = response.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    throw tooLarge();
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await raced(reader.read());
      if (done) break;
      length += value.byteLength;
      received.bytes = length;
      if (length > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    // Tells the upstream to stop sending (an endless body ends here, not at the timeout).
    reader.cancel().catch(() => {});
    throw error;
  }
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
