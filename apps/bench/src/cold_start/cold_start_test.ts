import { assertEquals } from "@std/assert";
import { deriveChecks } from "../checks/checks.ts";
import { COLD_START_TARGET_MS, coldStartBound, type ColdStartFigures } from "./cold_start.ts";

function figures(serviceFirst200: number, floorServerFirst200: number): ColdStartFigures {
  const medianMs = {
    emptyScriptExit: 17,
    helloServerFirst200: 20,
    floorServerFirst200,
    serviceListening: serviceFirst200 - 2,
    serviceFirst200,
    serviceFirstReport: serviceFirst200 + 20,
  };
  const samplesMs = {
    emptyScriptExit: [medianMs.emptyScriptExit],
    helloServerFirst200: [medianMs.helloServerFirst200],
    floorServerFirst200: [floorServerFirst200],
    serviceListening: [medianMs.serviceListening],
    serviceFirst200: [serviceFirst200],
    serviceFirstReport: [medianMs.serviceFirstReport],
  };
  const { boundMs, boundBy } = coldStartBound(floorServerFirst200);
  return {
    runs: 1,
    samplesMs,
    medianMs,
    ratioToHello: serviceFirst200 / 20,
    floorRatioToHello: floorServerFirst200 / 20,
    offsetOverHelloMs: serviceFirst200 - 20,
    offsetOverFloorMs: serviceFirst200 - floorServerFirst200,
    ratioToEmpty: serviceFirst200 / 17,
    targetMs: COLD_START_TARGET_MS,
    floorMargin: 0.2,
    boundMs,
    boundBy,
    met: serviceFirst200 <= boundMs,
  };
}

Deno.test("the cold start is judged against 60 ms while the library floor leaves room for it", () => {
  assertEquals(coldStartBound(50), { boundMs: 60, boundBy: "target" });
  const [row] = deriveChecks({ coldStart: figures(58, 40) });
  assertEquals([row.id, row.value, row.target, row.met], [
    "cold.deno",
    "58.0 ms = 2.90× hello",
    "≤ 60 ms",
    true,
  ]);
  assertEquals(deriveChecks({ coldStart: figures(61, 40) })[0].met, false);
});

Deno.test("the cold start is judged against the floor plus 20% when the libraries alone need more", () => {
  assertEquals(coldStartBound(90), { boundMs: 108, boundBy: "floor" });
  const [row] = deriveChecks({ coldStart: figures(100, 90) });
  assertEquals(
    [row.value, row.baseline, row.relation, row.target, row.met],
    [
      "100.0 ms = 5.00× hello",
      "hello server 20.0 ms; library floor 90.0 ms (4.50× hello); empty script 17.0 ms",
      "+10.0 ms over the floor, +80.0 ms over hello",
      "≤ floor + 20% = 108.0 ms (floor above 60 ms)",
      true,
    ],
  );
  assertEquals(deriveChecks({ coldStart: figures(109, 90) })[0].met, false);
});

Deno.test("the Worker's startup CPU is reported, never judged", () => {
  const [row] = deriveChecks({
    workerStartup: {
      runs: 3,
      samplesMs: [30, 28.5, 33],
      gcSamplesMs: [4, 5, 3],
      medianMs: 30,
      gcMedianMs: 4,
      bundleBytes: 370_000,
    },
  });
  assertEquals([row.id, row.value, row.relation, row.met], [
    "cold.worker",
    "30.0 ms",
    "runs 28.5 ms–33.0 ms; GC 4.0 ms",
    "reported",
  ]);
});
