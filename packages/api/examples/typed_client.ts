/**
 * A sibling service's typed client for the admin diagnostics API, built with Hono's RPC client
 * from the exported `AppType`: paths, parameters and the report's type come from the server's
 * own route definitions, so a breaking change fails the sibling's type check.
 *
 * ```sh
 * SPKEY_URL=http://127.0.0.1:8787 SPKEY_ADMIN_KEY=… SPKEY_JWT=… \
 *   deno run --allow-net --allow-env packages/api/examples/typed_client.ts <userId>
 * ```
 *
 * @module
 */
import { hc } from "hono/client";
import type { ApiError, ThreedeyeDiagnostics } from "@spkey/contracts";
import type { AppType } from "@spkey/api";

/** Where the API runs and as whom to call it. */
export interface DiagnosticsClientOptions {
  baseUrl: string;
  adminKey: string;
  jwt: string;
  fetch?: typeof fetch;
}

/** A report, or the API's error envelope with its status. */
export type LookupResult =
  | { ok: true; report: ThreedeyeDiagnostics }
  | { ok: false; status: number; error: ApiError };

/**
 * Creates a typed client that looks up one user's 3dEye diagnostics.
 *
 * @param options Base URL and both credentials.
 * @returns `{ lookup(userId) }`.
 */
export function createDiagnosticsClient(options: DiagnosticsClientOptions) {
  const client = hc<AppType>(options.baseUrl, {
    fetch: options.fetch,
    headers: {
      "X-Admin-API-Key": options.adminKey,
      Authorization: `Bearer ${options.jwt}`,
    },
  });
  return {
    async lookup(userId: string): Promise<LookupResult> {
      const res = await client.admin.threedeye.users[":userId"].$get({ param: { userId } });
      if (res.status === 200) return { ok: true, report: await res.json() };
      return { ok: false, status: res.status, error: (await res.json()) as ApiError };
    },
  };
}

if (import.meta.main) {
  const [userId] = Deno.args;
  const client = createDiagnosticsClient({
    baseUrl: Deno.env.get("SPKEY_URL") ?? "http://127.0.0.1:8787",
    adminKey: Deno.env.get("SPKEY_ADMIN_KEY") ?? "",
    jwt: Deno.env.get("SPKEY_JWT") ?? "",
  });
  const result = await client.lookup(userId);
  console.log(JSON.stringify(result, null, 2));
  Deno.exit(result.ok ? 0 : 1);
}
