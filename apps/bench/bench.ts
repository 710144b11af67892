/**
 * `deno task bench` (from apps/bench): every performance and reliability figure of the project
 * in one bounded run on loopback (about 3 minutes on a 2-core machine), written to
 * `bench-output/results.json` and printed as a table. Machine-speed figures come with a
 * baseline measured in the same run; counted figures are exact.
 *
 * Sections, in order: `counted` (round trips), `bundles` (widget and Worker gzip), `signer`
 * (the contracts stamp benchmark), `search` (the search by email on 100,000 users, with and
 * without its index), `listing` (lookups in a 10,000-user customer: warm against the store-only
 * variant, cold against the stand-in's page latency; the kept listing's memory at 10,000 and
 * 100,000 users), `cold` (Deno service cold start against the hello server and the library
 * floor; the Worker's startup CPU), `http` (full stack vs bare Hono, and p50 vs the 3dEye
 * latency), `deno-load` and `worker-load` (5,000 requests at concurrency 100, then the fault soak).
 *
 * Flags: `--only=a,b` or `--skip=a,b` select sections; `--strict` exits 1 when a target is
 * missed (by default only a section that could not be measured makes the exit code 1).
 *
 * @module
 */
import { measureBundleSize } from "./src/bundle/bundle_sizes.ts";
import { type BenchSections, deriveChecks, isFailure, type Section } from "./src/checks/checks.ts";
import { formatChecksTable } from "./src/checks/checks_table.ts";
import { measureColdStart } from "./src/cold_start/cold_start.ts";
import { measureCountedFigures } from "./src/counted/counted_figures.ts";
import { measureDenoServiceLoad } from "./src/load/deno_service_load.ts";
import { measureEmailSearch } from "./src/search/email_search.ts";
import { measureHttpOverhead } from "./src/http/http_overhead.ts";
import { measureListingLatency } from "./src/listing/listing_latency.ts";
import { measureListingMemory } from "./src/listing/listing_memory.ts";
import { measureSigner } from "./src/signer/signer.ts";
import { measureWorkerServiceLoad } from "./src/load/worker_service_load.ts";
import { measureWorkerStartup } from "./src/cold_start/worker_startup.ts";

const SECTIONS = [
  "counted",
  "bundles",
  "signer",
  "search",
  "listing",
  "cold",
  "http",
  "deno-load",
  "worker-load",
];
const OUTPUT = new URL("./bench-output/results.json", import.meta.url);

function selectedSections(args: readonly string[]): Set<string> {
  const list = (flag: string) =>
    args.filter((a) => a.startsWith(`--${flag}=`)).flatMap((a) => a.split("=")[1].split(","));
  const only = list("only");
  const skip = list("skip");
  const unknown = [...only, ...skip].filter((name) => !SECTIONS.includes(name));
  if (unknown.length > 0) {
    console.error(`error: Unknown section ${unknown.join(", ")}; sections: ${SECTIONS.join(", ")}`);
    Deno.exit(2);
  }
  return new Set(
    SECTIONS.filter((s) => (only.length === 0 || only.includes(s)) && !skip.includes(s)),
  );
}

async function measure<T>(label: string, task: () => Promise<T>): Promise<Section<T>> {
  const started = performance.now();
  console.log(`▶ ${label}`);
  try {
    const figures = await task();
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return figures;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(
      `  FAILED after ${((performance.now() - started) / 1000).toFixed(1)} s: ${message}`,
    );
    return { error: message };
  }
}

const selected = selectedSections(Deno.args);
const startedAt = new Date();
const started = performance.now();
const loadAverageAtStart = Deno.loadavg();
console.log(
  `spkey bench: ${[...selected].join(", ")} — Deno ${Deno.version.deno}, ` +
    `${navigator.hardwareConcurrency} CPUs, load average ${loadAverageAtStart.join(" ")}`,
);

const sections: BenchSections = {};
if (selected.has("counted")) {
  sections.counted = await measure("counted round trips", () => measureCountedFigures());
}
if (selected.has("bundles")) {
  sections.widgetBundle = await measure("widget bundle", () => measureBundleSize("widget"));
  sections.workerBundle = await measure("worker bundle", () => measureBundleSize("worker"));
}
if (selected.has("signer")) {
  sections.signer = await measure("signer (contracts stamp bench)", () => measureSigner());
}
if (selected.has("search")) {
  sections.emailSearch = await measure(
    "search by email, 100,000 users, with and without the index",
    () => measureEmailSearch(),
  );
}
if (selected.has("listing")) {
  sections.listingLatency = await measure(
    "lookups in a 10,000-user customer: warm (kept listing) and cold (a whole listing)",
    () => measureListingLatency(),
  );
  sections.listingMemory = await measure(
    "the kept listing's memory at 10,000 and 100,000 users",
    () => measureListingMemory(),
  );
}
if (selected.has("cold")) {
  sections.coldStart = await measure("cold start, Deno service", () => measureColdStart());
  sections.workerStartup = await measure(
    "startup CPU, Worker (wrangler check startup)",
    () => measureWorkerStartup(),
  );
}
if (selected.has("http")) {
  sections.http = await measure("HTTP full stack vs bare Hono", () => measureHttpOverhead());
}
if (selected.has("deno-load")) {
  sections.denoLoad = await measure("load + fault soak, Deno", () => measureDenoServiceLoad());
}
if (selected.has("worker-load")) {
  sections.workerLoad = await measure(
    "load + fault soak, Worker (workerd via Miniflare)",
    () => measureWorkerServiceLoad(),
  );
}

const checks = deriveChecks(sections);
const results = {
  meta: {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    runtime: { deno: Deno.version.deno, v8: Deno.version.v8, typescript: Deno.version.typescript },
    os: `${Deno.build.os} ${Deno.osRelease()} ${Deno.build.arch}`,
    cpus: navigator.hardwareConcurrency,
    loadAverageAtStart,
    loadAverageAtEnd: Deno.loadavg(),
    sections: [...selected],
  },
  checks,
  sections,
};
await Deno.mkdir(new URL(".", OUTPUT), { recursive: true });
await Deno.writeTextFile(OUTPUT, JSON.stringify(results, null, 2) + "\n");

console.log(`\n${formatChecksTable(checks)}\n`);
const missed = checks.filter((c) => c.met === false).length;
const failed = Object.values(sections).filter((s) => isFailure(s)).length;
console.log(
  `${checks.length} figures: ${checks.filter((c) => c.met === true).length} met, ${missed} ` +
    `missed, ${checks.filter((c) => c.met === "reported").length} reported without a target, ` +
    `${failed} section(s) not measured; ${results.meta.durationSeconds} s. ` +
    `Wrote ${OUTPUT.pathname}`,
);
if (failed > 0 || (Deno.args.includes("--strict") && missed > 0)) Deno.exit(1);
