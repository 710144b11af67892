/**
 * The {@linkcode FailureTally} of the Cloudflare Worker: one Durable Object per client address
 * ({@linkcode AuthFailureCounter}, bound as `AUTH_FAILURES`), so every isolate in every location
 * counts a client's failures in the same place, and the count outlives a recycled isolate.
 *
 * Chosen over the Workers rate-limiting binding, which allows only 10 or 60 second periods,
 * takes its limit from `wrangler.jsonc` instead of `ADMIN_AUTH_FAILURE_LIMIT`, counts per
 * Cloudflare location, and answers neither a count nor when the period ends (no exact
 * `Retry-After`). A Durable Object runs one event at a time and holds new events while it
 * awaits its own storage, so its read-then-write of the window is atomic; it keeps the window in
 * storage (an object may be evicted between failures) and clears it with an alarm when the
 * window closes.
 *
 * The Workers types are declared here structurally (only what is used), as for the D1 binding,
 * so the shared package stays free of runtime-specific imports. The object speaks HTTP to its
 * stub (`fetch`), not RPC: RPC would need `extends DurableObject` from `cloudflare:workers`.
 *
 * @module
 */
import { countFailure, type FailureTally, isFailureWindow } from "./failure_tally.ts";

/** The part of a Durable Object's storage the counter uses. */
export interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  setAlarm(scheduledTime: number): Promise<void>;
  deleteAll(): Promise<void>;
}

/** The part of the state workerd hands a Durable Object that the counter uses. */
export interface DurableObjectState {
  storage: DurableObjectStorage;
}

/** The part of a Durable Object namespace binding (`env.AUTH_FAILURES`) the tally uses. */
export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

const WINDOW_KEY = "window";

/**
 * The Durable Object class counting one client's failed attempts: `POST /?windowMs=<ms>`
 * records one failure and answers the client's window (`{ failures, resetAt }`) as JSON.
 */
export class AuthFailureCounter {
  readonly #storage: DurableObjectStorage;

  /** Called by workerd with the object's state (and the Worker's env, unused). */
  constructor(state: DurableObjectState, _env?: unknown) {
    this.#storage = state.storage;
  }

  /** Records one failure and answers the window after it. */
  async fetch(request: Request): Promise<Response> {
    const windowMs = Number(new URL(request.url).searchParams.get("windowMs"));
    if (request.method !== "POST" || !Number.isSafeInteger(windowMs) || windowMs < 1) {
      return new Response(null, { status: 400 });
    }
    const stored = await this.#storage.get<unknown>(WINDOW_KEY);
    const next = countFailure(isFailureWindow(stored) ? stored : null, Date.now(), windowMs);
    await this.#storage.put(WINDOW_KEY, next);
    if (next.failures === 1) await this.#storage.setAlarm(next.resetAt);
    return Response.json(next);
  }

  /** The window has closed: nothing of this client is kept. */
  async alarm(): Promise<void> {
    await this.#storage.deleteAll();
  }
}

/**
 * A tally over the {@linkcode AuthFailureCounter} namespace `namespace`.
 *
 * @param namespace The Durable Object binding, e.g. `env.AUTH_FAILURES`.
 * @param options `windowMs`: the failure window, sent with every failure.
 * @throws {Error} From `add`, when the object fails or answers something else than a window.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createDurableObjectFailureTally } from "@spkey/api/durable-object";
 * const asked: string[] = [];
 * const namespace = {
 *   idFromName: (name: string) => name,
 *   get: (id: unknown) => ({
 *     fetch: (url: string) => {
 *       asked.push(`${id} ${url}`);
 *       return Promise.resolve(Response.json({ failures: 1, resetAt: 60_000 }));
 *     },
 *   }),
 * };
 * const tally = createDurableObjectFailureTally(namespace, { windowMs: 60_000 });
 * assertEquals(await tally.add("203.0.113.9"), { failures: 1, resetAt: 60_000 });
 * assertEquals(asked, ["203.0.113.9 https://auth-failure-counter.invalid/?windowMs=60000"]);
 * ```
 */
export function createDurableObjectFailureTally(
  namespace: DurableObjectNamespace,
  options: { windowMs: number },
): FailureTally {
  const url = `https://auth-failure-counter.invalid/?windowMs=${options.windowMs}`;
  return {
    kind: "durable-object",
    async add(client) {
      const counter = namespace.get(namespace.idFromName(client));
      const response = await counter.fetch(url, { method: "POST" });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`The auth failure counter answered HTTP ${response.status}.`);
      }
      const window: unknown = await response.json();
      if (!isFailureWindow(window)) throw new Error("The auth failure counter answered no window.");
      return window;
    },
  };
}
