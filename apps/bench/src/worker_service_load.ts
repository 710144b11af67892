/**
 * Load and fault soak against the Worker in real workerd (`wrangler dev --local` over a local D1
 * migrated and seeded by wrangler), through the Worker member's own stack harness
 * (`apps/worker/tools/worker_stack.ts`). The 3dEye stand-in and the mixed-fault proxy live in
 * this process; the Worker gets fresh random admin credentials.
 *
 * Note: wrangler relays every Worker log line to its stdout, which the harness keeps (decoded)
 * in this process, so the Worker's figures include that relay's cost; the Deno figures do not.
 *
 * @module
 */
import { startThreedeyeStandin } from "@spkey/standins";
import { startWorkerStack, type WorkerStack } from "../../worker/tools/worker_stack.ts";
import { adminHeaders, randomCredentials, serviceSettings } from "./bench_fixture.ts";
import type { ServiceLoadFigures } from "./deno_service_load.ts";
import { startMixedFaultProxy } from "./mixed_fault_proxy.ts";
import { runLoad, runSoak, SOAK_TIMEOUT_MS } from "./service_load.ts";

/** The extra soak at a concurrency the local dev server sustains. */
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
  const start = async (settings: Record<string, string>) => {
    const stack = await startWorkerStack({ threedeye: false, turnkey: false, settings });
    stacks.push(stack);
    return stack;
  };
  try {
    const credentials = randomCredentials();
    const headers = await adminHeaders(credentials);

    const plain = await start(serviceSettings({ credentials, threedeyeUrl: standin.url }));
    const load = await runLoad({ baseUrl: plain.url, headers, threedeyeCalls });
    await plain.close();

    const faulty = await start(serviceSettings({
      credentials,
      threedeyeUrl: proxy.url,
      extra: { THREEDEYE_TIMEOUT_MS: String(SOAK_TIMEOUT_MS) },
    }));
    const soak = await runSoak(
      { baseUrl: faulty.url, headers, jsonLogs: faulty.jsonLogs, threedeyeCalls },
      proxy,
    );
    // wrangler dev serves a few hundred requests per second here, so at concurrency 100 the
    // soak mostly measures its queue; at 10 it shows whether the timeouts hold inside workerd.
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
  }
}
