/**
 * Cloudflare Workers entry: settings from the Worker's vars and secrets, the store over the D1
 * binding `DB`, the widget from the static-assets binding `ASSETS`, and the shared app built once
 * per isolate (the settings' warnings logged then, once each). The client address for the auth
 * failure limit is `CF-Connecting-IP` only (set by Cloudflare's edge), and failures are counted in the `AUTH_FAILURES` Durable Objects, which this
 * module exports, shared by every isolate (per isolate, in memory, when the binding is absent).
 *
 * @module
 */
import {
  ApiException,
  type AppType,
  CLOUDFLARE_CLIENT_ADDRESS,
  ConfigError,
  createApp,
  createD1BindingExecutor,
  createServices,
  type D1Database,
  parseConfig,
  resolveRequestId,
} from "@spkey/api";
import {
  AuthFailureCounter,
  createDurableObjectFailureTally,
  type DurableObjectNamespace,
} from "@spkey/api/durable-object";

/** The Durable Object class of the `AUTH_FAILURES` binding: workerd looks for it here. */
export { AuthFailureCounter };

/** The bindings and settings this Worker receives (see wrangler.jsonc). */
export interface WorkerEnv {
  DB: D1Database;
  /** The built widget (`apps/widget/dist`); absent when run without assets. */
  ASSETS?: { fetch(input: string): Promise<Response> };
  /** The auth failure counters; absent: failures are counted per isolate. */
  AUTH_FAILURES?: DurableObjectNamespace;
  [setting: string]: unknown;
}

/** The execution context workerd passes (`waitUntil`, …), as the app's `fetch` takes it. */
export type WorkerContext = Parameters<AppType["fetch"]>[2];

/** What workerd calls: the module Worker's `fetch` handler. */
export interface WorkerHandler {
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Response | Promise<Response>;
}

/** One app per env object: the env is fixed for an isolate's life, so this is once per isolate. */
const apps = new WeakMap<WorkerEnv, AppType>();

function appFor(env: WorkerEnv): AppType {
  const cached = apps.get(env);
  if (cached !== undefined) return cached;
  // Bindings are read only under settings' names: typed vars (`"ADMIN_AUTH_FAILURE_LIMIT": 3` in
  // wrangler.jsonc arrive as numbers) are read as their text, other values stop start-up.
  const config = parseConfig(env);
  for (const warning of config.warnings) {
    console.log(JSON.stringify({ level: "warn", msg: "config warning", warning }));
  }
  // Bound through an arrow: workerd rejects a detached global `fetch` ("Illegal invocation").
  const fetchUpstream: typeof fetch = (input, init) => fetch(input, init);
  const services = createServices(config, {
    executor: createD1BindingExecutor(env.DB),
    fetch: fetchUpstream,
  });
  const app = createApp({
    config,
    ...services,
    fetch: fetchUpstream,
    assets: { widgetJs: () => widgetSource(env.ASSETS) },
    clientAddress: CLOUDFLARE_CLIENT_ADDRESS,
    failureTally: env.AUTH_FAILURES === undefined
      ? undefined
      : createDurableObjectFailureTally(env.AUTH_FAILURES, config.authFailureLimit),
  });
  apps.set(env, app);
  return app;
}

async function widgetSource(assets: WorkerEnv["ASSETS"]): Promise<string | null> {
  if (assets === undefined) return null;
  const response = await assets.fetch("https://assets.invalid/spkey-widget.js");
  if (!response.ok) {
    await response.body?.cancel();
    return null;
  }
  return await response.text();
}

/** 500 envelope for a Worker that cannot start; the reason goes to the log only. */
function startupFailure(request: Request, error: unknown): Response {
  const requestId = resolveRequestId(request.headers.get("x-request-id"));
  // A ConfigError names the variable, never its value; anything else is logged by name only.
  const reason = error instanceof ConfigError
    ? error.message
    : `${(error as Error)?.name} while starting`;
  console.log(JSON.stringify({ level: "error", msg: "worker start-up failed", requestId, reason }));
  const response = new ApiException(500, "The service is not configured correctly.")
    .getResponse(requestId);
  response.headers.set("X-Request-Id", requestId);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

const worker: WorkerHandler = {
  fetch(request, env, ctx) {
    let app: AppType;
    try {
      app = appFor(env);
    } catch (error) {
      return startupFailure(request, error);
    }
    return app.fetch(request, env, ctx);
  },
};

export default worker;
