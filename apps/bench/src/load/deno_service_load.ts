/**
 * Load and fault soak against the real Deno edge service (`apps/edge/main.ts` as a subprocess,
 * seeded read-only SQLite), with the 3dEye stand-in in this process: first plain, then behind
 * the mixed-fault proxy with `THREEDEYE_TIMEOUT_MS` lowered so the soak stays bounded.
 *
 * @module
 */
import { EDGE_APP } from "@spkey/edge/demo";
import { startThreedeyeStandin } from "@spkey/testkit";
import { edgeCommand } from "@spkey/testkit/demo-stack";
import { type ListeningProcess, startListeningProcess } from "@spkey/testkit/process";
import {
  adminHeaders,
  LISTING_CACHE_OFF,
  prepareBenchDatabase,
  randomCredentials,
  serviceSettings,
} from "../shared/bench_fixture.ts";
import { startMixedFaultProxy } from "./mixed_fault_proxy.ts";
import {
  type LoadFigures,
  runLoad,
  runSoak,
  SOAK_TIMEOUT_MS,
  type SoakFigures,
} from "./service_load.ts";

/** Load and soak figures of one runtime. */
export interface ServiceLoadFigures {
  load: LoadFigures;
  soak: SoakFigures;
  /** The Worker only: the soak again at concurrency 10. */
  lightSoak?: SoakFigures;
}

/**
 * Runs the load, then the soak, against fresh Deno service processes (`settings` are added to
 * both services' environment, for experiments).
 */
export async function measureDenoServiceLoad(
  settings: Record<string, string> = {},
): Promise<ServiceLoadFigures> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-deno-load-" });
  const standin = startThreedeyeStandin();
  const proxy = startMixedFaultProxy({ upstream: standin.url, stallMs: SOAK_TIMEOUT_MS * 3 });
  const threedeyeCalls = () => {
    const { token, pages, getUser } = standin.counts;
    return token + pages + getUser;
  };
  const running: ListeningProcess[] = [];
  // The Deno entry's request logs are kept undecoded until the run is over, so reading them
  // costs this process (which also hosts the stand-in) next to nothing during the run.
  const start = async (env: Record<string, string>) => {
    const service = await startListeningProcess(edgeCommand(EDGE_APP.main, env), {
      name: "the edge service",
      keepStdout: true,
    });
    running.push(service);
    return service;
  };
  try {
    const credentials = randomCredentials();
    const headers = await adminHeaders(credentials);
    const databasePath = prepareBenchDatabase(dir);

    const plain = await start(serviceSettings({
      credentials,
      databasePath,
      threedeyeUrl: standin.url,
      extra: { ...LISTING_CACHE_OFF, ...settings },
    }));
    const load = await runLoad({ baseUrl: plain.baseUrl, headers, threedeyeCalls });
    await plain.close();

    const faulty = await start(serviceSettings({
      credentials,
      databasePath,
      threedeyeUrl: proxy.url,
      extra: { ...LISTING_CACHE_OFF, ...settings, THREEDEYE_TIMEOUT_MS: String(SOAK_TIMEOUT_MS) },
    }));
    const soak = await runSoak(
      { baseUrl: faulty.baseUrl, headers, jsonLogs: faulty.jsonLogs, threedeyeCalls },
      proxy,
    );
    return { load, soak };
  } finally {
    for (const service of running) await service.close();
    await proxy.close();
    await standin.close();
    await Deno.remove(dir, { recursive: true });
  }
}
