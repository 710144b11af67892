/**
 * A pass-through HTTP server on loopback in front of the test API that records every request as
 * it arrives: what the browser really sent, headers the browser adds by itself included (which
 * neither the page nor an intercepting test route sees). Pages served from its origin talk to the
 * API through it, same-origin.
 *
 * @module
 */

/** One request as the proxy received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/admin/threedeye/users?email=a%40x.test`. */
  path: string;
  headers: Headers;
}

/** A running recording proxy. */
export interface RecordingProxy {
  /** Its origin, e.g. `http://127.0.0.1:41235`. */
  baseUrl: string;
  /** Every request so far, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

// Hop-by-hop, or no longer true once fetch() has decoded the body.
const DROPPED_RESPONSE_HEADERS = ["content-encoding", "content-length", "transfer-encoding"];

/** Answers some paths itself (e.g. a test page); null passes the request on. */
export type LocalPages = (path: string) => Promise<Response | null>;

/**
 * Starts a recording proxy that forwards everything to `target` (an origin), except what
 * `local` answers (not recorded).
 */
export function startRecordingProxy(
  target: string,
  local: LocalPages = () => Promise.resolve(null),
): RecordingProxy {
  const requests: RecordedRequest[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const url = new URL(request.url);
      const path = url.pathname + url.search;
      const own = await local(url.pathname);
      if (own) return own;
      requests.push({ method: request.method, path, headers: new Headers(request.headers) });
      const headers = new Headers(request.headers);
      headers.delete("host");
      const upstream = await fetch(target + path, {
        method: request.method,
        headers,
        body: request.body,
        redirect: "manual",
      });
      const responseHeaders = new Headers(upstream.headers);
      for (const name of DROPPED_RESPONSE_HEADERS) responseHeaders.delete(name);
      return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
    },
  );
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    requests,
    close: () => server.shutdown(),
  };
}
