import { assertEquals, assertThrows } from "@std/assert";
import { type DenoBenchReport, signerFigures } from "./signer.ts";

const bench = (name: string, avgNs: number) => ({ name, results: [{ ok: { n: 50, avg: avgNs } }] });
const NAMES = {
  ours: "ours: stamp() (noble, default W=6 base table)",
  webCrypto: "WebCrypto: crypto.subtle.sign ECDSA P-256",
  turnkey: "@turnkey/api-key-stamper: stamp()",
  verify: "ours: verifyStamp()",
  window8: "ours: stamp() after BASE.precompute(8)",
};

/** A report in the order `deno bench` prints it, with our stamp at `oursNs` a stamp. */
function report(oursNs: number): DenoBenchReport {
  return {
    benches: [
      bench(NAMES.verify, 400_000),
      bench(NAMES.window8, 150_000),
      bench(NAMES.ours, oursNs),
      bench(NAMES.webCrypto, 300_000),
      bench(NAMES.turnkey, 600_000),
    ],
  };
}

Deno.test("signerFigures turns mean ns per op into ops/s, µs/op and the ratios", () => {
  const figures = signerFigures(report(200_000));
  assertEquals(figures.contenders.find((c) => c.name === NAMES.ours), {
    name: NAMES.ours,
    iterations: 50,
    opsPerSecond: 5000,
    microsPerOp: 200,
  });
  assertEquals(figures.ratios, {
    oursVsWebCrypto: 1.5,
    oursVsTurnkeySdk: 3,
    window8VsDefault: 1.33,
  });
  assertEquals(figures.met, { oursVsWebCrypto: true, oursVsTurnkeySdk: true });
});

Deno.test("signerFigures misses the targets when our stamp is slower than they allow", () => {
  // 1,000,000 ns: 0.3× WebCrypto (target 0.5×), 0.6× the Turnkey SDK (target 1×).
  const figures = signerFigures(report(1_000_000));
  assertEquals(figures.ratios.oursVsWebCrypto, 0.3);
  assertEquals(figures.ratios.oursVsTurnkeySdk, 0.6);
  assertEquals(figures.met, { oursVsWebCrypto: false, oursVsTurnkeySdk: false });
});

Deno.test("signerFigures refuses a failed or missing contender", () => {
  const failed = report(200_000);
  failed.benches[3] = { name: NAMES.webCrypto, results: [{ failed: "boom" }] };
  assertThrows(
    () => signerFigures(failed),
    Error,
    `Reading the stamp benchmark failed: "${NAMES.webCrypto}" did not run to the end.`,
  );
  const missing = report(200_000);
  missing.benches.splice(4, 1);
  assertThrows(
    () => signerFigures(missing),
    Error,
    'Reading the stamp benchmark failed: no contender "@turnkey…".',
  );
});
