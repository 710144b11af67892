/**
 * A loopback proxy in front of the 3dEye stand-in that injects TWO faults at once for the fault
 * soak (the stand-in itself has one fault at a time): calls are dealt in a fixed rotation —
 * pass, fail (HTTP 500), stall (answer only after `stallMs`, beyond the client's timeout) — so
 * exactly a third of all 3dEye calls (token calls included) fail and another third are slow,
 * the same on every run.
 *
 * @module
 */
import { pause, serveLoopback } from "@spkey/testkit";

/** What the proxy does with one call. */
export type ProxyAction = "pass" | "fail" | "stall";

/** Calls handled so far, by action. */
export type ProxyCounts = Record<ProxyAction, number>;

/** Options for {@linkcode startMixedFaultProxy}. */
export interface MixedFaultProxyOptions {
  /** The stand-in's API base, e.g. `http://127.0.0.1:4123/v3`. */
  upstream: string;
  /** How long a stalled call waits before it is forwarded (default 1000 ms). */
  stallMs?: number;
  /** The rotation (default pass, fail, stall). */
  rotation?: readonly ProxyAction[];
}

/** A running proxy. */
export interface MixedFaultProxy {
  /** The API base to configure instead of the stand-in's (same path). */
  readonly url: string;
  readonly counts: Readonly<ProxyCounts>;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["host", "connection", "keep-alive", "content-length", "transfer-encoding"];

/**
 * Starts the proxy on a loopback port.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { serveLoopback } from "@spkey/testkit";
 * import { startMixedFaultProxy } from "./mixed_fault_proxy.ts";
 * const upstream = serveLoopback(() => new Response("ok"));
 * const proxy = startMixedFaultProxy({ upstream: `${upstream.url}/v3`, stallMs: 5 });
 * const statuses = [];
 * for (let i = 0; i < 3; i++) {
 *   const res = await fetch(`${proxy.url}/users`);
 *   await res.body?.cancel();
 *   statuses.push(res.status);
 * }
 * assertEquals(statuses.join(), "200,500,200");
 * assertEquals(proxy.counts.stall, 1);
 * await proxy.close();
 * await upstream.close();
 * ```
 */
export function startMixedFaultProxy(options: MixedFaultProxyOptions): MixedFaultProxy {
  const upstream = new URL(options.upstream);
  const stallMs = options.stallMs ?? 1000;
  const rotation = options.rotation ?? ["pass", "fail", "stall"];
  if (rotation.length === 0) throw new RangeError("Starting the fault proxy needs a rotation");
  const counts: ProxyCounts = { pass: 0, fail: 0, stall: 0 };
  let calls = 0;

  const server = serveLoopback(async (request, stopping) => {
    const action = rotation[calls++ % rotation.length];
    counts[action] += 1;
    if (action === "fail") {
      return Response.json({ message: "Internal server error" }, { status: 500 });
    }
    // Read the body before stalling: once the client gives up, it can no longer be read.
    const body = request.method === "GET" || request.method === "HEAD"
      ? undefined
      : await request.arrayBuffer();
    if (action === "stall") await pause(stallMs, stopping);
    const url = new URL(request.url);
    const target = `${upstream.origin}${url.pathname}${url.search}`;
    const headers = new Headers(request.headers);
    for (const name of HOP_BY_HOP) headers.delete(name);
    try {
      const answer = await fetch(target, { method: request.method, headers, body });
      return new Response(await answer.arrayBuffer(), {
        status: answer.status,
        headers: { "content-type": answer.headers.get("content-type") ?? "application/json" },
      });
    } catch {
      return Response.json({ message: "Bad gateway" }, { status: 502 });
    }
  });

  return {
    url: `${server.url}${upstream.pathname.replace(/\/+$/, "")}`,
    counts,
    close: () => server.close(),
  };
}
