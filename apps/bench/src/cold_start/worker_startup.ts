/**
 * The Worker's startup CPU time: what workerd spends evaluating the deployable bundle's top level
 * before it can run a request (what Cloudflare calls the Worker's startup time; its limit is 1 s).
 * Measured offline with `wrangler check startup`, which runs the bundle in a local workerd through
 * Miniflare and records a V8 CPU profile while a request `import()`s the main module. The bundle
 * is what `wrangler deploy --dry-run --outfile` writes from the current source, built once; the
 * profile is taken `runs` times and its sampled CPU time (idle excluded) is the figure.
 *
 * It covers module evaluation only: `apps/worker/src/index.ts` builds the app on the first request
 * (settings, services, routes), which this does not include. The profiler samples about once a
 * millisecond, so one run is good to a millisecond or two; hence the median. The startup time
 * `wrangler deploy` prints is measured by Cloudflare after an upload and needs an account.
 *
 * @module
 */
import { join } from "node:path";
import { requireWidgetBundle, runWrangler } from "@spkey/worker/testing";
import { median, round } from "../shared/stats.ts";

/** The parts of a V8 `.cpuprofile` this reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples: number[];
  /** Microseconds since the previous sample; the first is from the profile's start. */
  timeDeltas: number[];
}

/** One profile's CPU time, in ms. */
export interface ProfileCpu {
  /** Every sample but `(idle)`. */
  cpuMs: number;
  /** The `(garbage collector)` part of it. */
  gcMs: number;
}

/** The Worker startup figures (ms). */
export interface WorkerStartupFigures {
  runs: number;
  samplesMs: number[];
  gcSamplesMs: number[];
  medianMs: number;
  gcMedianMs: number;
  /** The bundle profiled (`worker.bundle`, wrangler's upload form), in bytes. */
  bundleBytes: number;
}

/**
 * The CPU time of a V8 CPU profile: each sample lasts until the next one, and `(idle)` samples
 * are not CPU.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { profileCpu } from "./worker_startup.ts";
 * const frame = (id: number, functionName: string) => ({ id, callFrame: { functionName } });
 * const profile = {
 *   nodes: [frame(1, "(idle)"), frame(2, "u"), frame(3, "(garbage collector)")],
 *   samples: [1, 2, 3, 2, 1],
 *   timeDeltas: [50, 1000, 2000, 500, 1500],
 * };
 * assertEquals(profileCpu(profile), { cpuMs: 4, gcMs: 0.5 });
 * ```
 */
export function profileCpu(profile: CpuProfile): ProfileCpu {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  let cpu = 0;
  let gc = 0;
  profile.samples.forEach((node, i) => {
    const lasted = profile.timeDeltas[i + 1] ?? 0;
    const name = names.get(node);
    if (name === "(idle)") return;
    cpu += lasted;
    if (name === "(garbage collector)") gc += lasted;
  });
  return { cpuMs: round(cpu / 1000, 1), gcMs: round(gc / 1000, 1) };
}

/** Builds the Worker once and profiles its startup `runs` (default 5) times. */
export async function measureWorkerStartup(runs = 5): Promise<WorkerStartupFigures> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-worker-startup-" });
  try {
    // wrangler reads the ASSETS folder (the widget, built by turbo first) even for a dry run.
    requireWidgetBundle();
    const bundle = join(dir, "worker.bundle");
    await runWrangler(["deploy", "--dry-run", "--outfile", bundle]);
    const samplesMs: number[] = [];
    const gcSamplesMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      const outfile = join(dir, `startup-${run}.cpuprofile`);
      await runWrangler(["check", "startup", "--worker", bundle, "--outfile", outfile]);
      const { cpuMs, gcMs } = profileCpu(JSON.parse(await Deno.readTextFile(outfile)));
      samplesMs.push(cpuMs);
      gcSamplesMs.push(gcMs);
    }
    return {
      runs,
      samplesMs,
      gcSamplesMs,
      medianMs: median(samplesMs),
      gcMedianMs: median(gcSamplesMs),
      bundleBytes: (await Deno.stat(bundle)).size,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
