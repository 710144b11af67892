/**
 * Load and fault soak against the Worker in real workerd: the deployable bundle, built afresh from
 * the current source into a temp folder by the Worker member's own `bundleWorker` (once, for both
 * stacks), served by workerd through the Miniflare API over a local D1 migrated and seeded by
 * wrangler, through the Worker member's test stack (`@spkey/worker/testing`, the same runner as
 * its tests). The 3dEye stand-in and the mixed-fault proxy live in this process; the Worker gets
 * fresh random admin credentials.
 *
 * Not `wrangler dev` (kept for `deno task dev`): its dev proxy (in Node, between the client and
 * workerd) and its log relay held `/healthz` to a few hundred requests per second here. Under
 * Miniflare the load generator talks to the Worker's own socket in workerd, and workerd's stdout
 * (the Worker's log lines) is only buffered in this process.
 *
 * @module
 */
import { startThreedeyeStandin } from "@spkey/testkit";
import { bundleWorker, startWorkerStack, type WorkerStack } from "@spkey/worker/testing";
import {
  adminHeaders,
  LISTING_CACHE_OFF,
  randomCredentials,
  serviceSettings,
} from "../shared/bench_fixture.ts";
import type { ServiceLoadFigures } from "./deno_service_load.ts";
import { startMixedFaultProxy } from "./mixed_fault_proxy.ts";
import { runLoad, runSoak, SOAK_TIMEOUT_MS } from "./service_load.ts";

/** The extra, lighter soak (kept from the `wrangler dev` runs, for comparison). */
export const LIGHT_SOAK_SHAPE = { requests: 1_000, concurrency: 10 } as const;

/** Runs the load, then the soaks, against two fresh Worker stacks. */
export async function measureWorkerServiceLoad(): Promise<ServiceLoadFigures> {
  const standin = startThreedeyeStandin();
  const proxy = startMixedFaultProxy({ upstream: standin.url, stallMs: SOAK_TIMEOUT_MS * 3 });
  const threedeyeCalls = () => {
    const { token, pages, getUser } = standin.counts;
    return token + pages + getUser;
  };
  const stacks: WorkerStack[] = [];
  const bundleDir = await Deno.makeTempDir({ prefix: "spkey-bench-worker-" });
  let scriptPath = "";
  const start = async (settings: Record<string, string>) => {
    const stack = await startWorkerStack({
      scriptPath,
      threedeye: false,
      turnkey: false,
      settings,
    });
    stacks.push(stack);
    return stack;
  };
  try {
    scriptPath = await bundleWorker(bundleDir);
    const credentials = randomCredentials();
    const headers = await adminHeaders(credentials);

    const plain = await start(
      serviceSettings({ credentials, threedeyeUrl: standin.url, extra: LISTING_CACHE_OFF }),
    );
    const load = await runLoad({ baseUrl: plain.url, headers, threedeyeCalls });
    await plain.close();

    const faulty = await start(serviceSettings({
      credentials,
      threedeyeUrl: proxy.url,
      extra: { ...LISTING_CACHE_OFF, THREEDEYE_TIMEOUT_MS: String(SOAK_TIMEOUT_MS) },
    }));
    const soak = await runSoak(
      { baseUrl: faulty.url, headers, jsonLogs: faulty.jsonLogs, threedeyeCalls },
      proxy,
    );
    // At concurrency 10 as well: under wrangler dev only this one was near its bound.
    const lightSoak = await runSoak(
      { baseUrl: faulty.url, headers, jsonLogs: faulty.jsonLogs, threedeyeCalls },
      proxy,
      LIGHT_SOAK_SHAPE,
    );
    return { load, soak, lightSoak };
  } finally {
    for (const stack of stacks) await stack.close();
    await proxy.close();
    await standin.close();
    await Deno.remove(bundleDir, { recursive: true });
  }
}
