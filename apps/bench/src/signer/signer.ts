/**
 * Signer throughput: runs the contracts package's own stamp benchmark
 * (`packages/contracts/bench/stamp_bench.ts`, `Deno.bench` cases: our `stamp()` vs WebCrypto
 * ECDSA P-256 vs `@turnkey/api-key-stamper`, in one run) with `deno bench --json` rather than
 * duplicating it, then reads the JSON report and checks the ratios against the targets.
 *
 * @module
 */

// The contracts member's folder (its "." export is src/mod.ts), where its bench/ lives.
const CONTRACTS_DIR = new URL("../", import.meta.resolve("@spkey/contracts"));
const STAMP_BENCH = "bench/stamp_bench.ts";

/** Targets: our stamp() against WebCrypto and against Turnkey's own stamper. */
export const SIGNER_TARGETS = { oursVsWebCrypto: 0.5, oursVsTurnkeySdk: 1 } as const;

/** One contender of the stamp benchmark. */
export interface StampContender {
  name: string;
  /** Iterations Deno ran. */
  iterations: number;
  opsPerSecond: number;
  microsPerOp: number;
}

/** The signer figures. */
export interface SignerFigures {
  contenders: StampContender[];
  ratios: { oursVsWebCrypto: number; oursVsTurnkeySdk: number; window8VsDefault: number };
  targets: typeof SIGNER_TARGETS;
  met: { oursVsWebCrypto: boolean; oursVsTurnkeySdk: boolean };
  /** How the figures were taken. */
  source: string;
}

/** The part of a `deno bench --json` report read here (times in nanoseconds). */
export interface DenoBenchReport {
  benches: Array<{
    name: string;
    results: Array<{ ok?: { n: number; avg: number }; failed?: unknown }>;
  }>;
}

/**
 * The signer figures from the stamp benchmark's `deno bench --json` report: each contender's
 * mean time per operation as ops/s, and the ratios of our `stamp()` to the others.
 *
 * @throws {Error} When a contender failed or is missing from the report.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { signerFigures } from "./signer.ts";
 * const bench = (name: string, avg: number) => ({ name, results: [{ ok: { n: 100, avg } }] });
 * const figures = signerFigures({
 *   benches: [
 *     bench("ours: stamp() (noble, default W=6 base table)", 200_000),
 *     bench("WebCrypto: crypto.subtle.sign ECDSA P-256", 400_000),
 *     bench("@turnkey/api-key-stamper: stamp()", 800_000),
 *     bench("ours: verifyStamp()", 500_000),
 *     bench("ours: stamp() after BASE.precompute(8)", 100_000),
 *   ],
 * });
 * assertEquals(figures.contenders[0].opsPerSecond, 5000);
 * assertEquals(figures.ratios, { oursVsWebCrypto: 2, oursVsTurnkeySdk: 4, window8VsDefault: 2 });
 * assertEquals(figures.met, { oursVsWebCrypto: true, oursVsTurnkeySdk: true });
 * ```
 */
export function signerFigures(report: DenoBenchReport): SignerFigures {
  const contenders = report.benches.map(({ name, results }): StampContender => {
    const ok = results[0]?.ok;
    if (ok === undefined) {
      throw new Error(`Reading the stamp benchmark failed: "${name}" did not run to the end.`);
    }
    return {
      name,
      iterations: ok.n,
      opsPerSecond: Math.round(1e9 / ok.avg),
      microsPerOp: round(ok.avg / 1000, 1),
    };
  });
  const ops = (prefix: string) => {
    const found = contenders.find((c) => c.name.startsWith(prefix));
    if (found === undefined) {
      throw new Error(`Reading the stamp benchmark failed: no contender "${prefix}…".`);
    }
    return found.opsPerSecond;
  };
  const stamp = ops("ours: stamp() (");
  const ratios = {
    oursVsWebCrypto: round(stamp / ops("WebCrypto"), 2),
    oursVsTurnkeySdk: round(stamp / ops("@turnkey"), 2),
    window8VsDefault: round(ops("ours: stamp() after") / stamp, 2),
  };
  return {
    contenders,
    ratios,
    targets: SIGNER_TARGETS,
    met: {
      oursVsWebCrypto: ratios.oursVsWebCrypto >= SIGNER_TARGETS.oursVsWebCrypto,
      oursVsTurnkeySdk: ratios.oursVsTurnkeySdk >= SIGNER_TARGETS.oursVsTurnkeySdk,
    },
    source: `deno bench --json packages/contracts/${STAMP_BENCH}`,
  };
}

/**
 * Runs the stamp benchmark and returns its figures.
 *
 * @throws {Error} When the benchmark fails or its report is not what {@linkcode signerFigures}
 *   reads.
 */
export async function measureSigner(): Promise<SignerFigures> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bench", "-A", "--json", STAMP_BENCH],
    cwd: CONTRACTS_DIR.pathname,
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    const why = new TextDecoder().decode(stderr).trim().split("\n").slice(-5).join("\n");
    throw new Error(`Running the stamp benchmark failed (exit ${code}):\n${why}`);
  }
  return signerFigures(JSON.parse(new TextDecoder().decode(stdout)));
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
