/**
 * Signer throughput: runs the contracts package's own stamp benchmark
 * (`packages/contracts/bench/stamp_bench.ts`: our `stamp()` vs WebCrypto ECDSA P-256 vs
 * `@turnkey/api-key-stamper`, in one run) as a subprocess rather than duplicating it, then reads
 * the JSON it writes and checks the ratios against the targets.
 *
 * @module
 */

const CONTRACTS_DIR = new URL("../../../../packages/contracts/", import.meta.url);
const STAMP_BENCH = new URL("bench/stamp_bench.ts", CONTRACTS_DIR);
const STAMP_OUTPUT = new URL("bench-output/stamp.json", CONTRACTS_DIR);

/** Targets: our stamp() against WebCrypto and against Turnkey's own stamper. */
export const SIGNER_TARGETS = { oursVsWebCrypto: 0.5, oursVsTurnkeySdk: 1 } as const;

/** One contender of the stamp benchmark. */
export interface StampContender {
  name: string;
  opsPerSecond: number;
  microsPerOp: number;
}

/** The signer figures. */
export interface SignerFigures {
  durationMsPerContender: number;
  contenders: StampContender[];
  ratios: { oursVsWebCrypto: number; oursVsTurnkeySdk: number; window8VsDefault?: number };
  targets: typeof SIGNER_TARGETS;
  met: { oursVsWebCrypto: boolean; oursVsTurnkeySdk: boolean };
  /** Where the stamp benchmark wrote its own report. */
  source: string;
}

/**
 * Runs the stamp benchmark (`msPerContender` each, default 1000) and returns its figures.
 *
 * @throws {Error} When the benchmark fails or writes no report.
 */
export async function measureSigner(msPerContender = 1000): Promise<SignerFigures> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", STAMP_BENCH.pathname],
    cwd: CONTRACTS_DIR.pathname,
    env: { BENCH_MS: String(msPerContender), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    const why = new TextDecoder().decode(stderr).trim().split("\n").slice(-5).join("\n");
    throw new Error(`Running the stamp benchmark failed (exit ${code}):\n${why}`);
  }
  const report = JSON.parse(await Deno.readTextFile(STAMP_OUTPUT));
  const ratios = report.ratios as SignerFigures["ratios"];
  return {
    durationMsPerContender: report.durationMsPerContender,
    contenders: (report.results as StampContender[]).map(({ name, opsPerSecond, microsPerOp }) => ({
      name,
      opsPerSecond,
      microsPerOp,
    })),
    ratios,
    targets: SIGNER_TARGETS,
    met: {
      oursVsWebCrypto: ratios.oursVsWebCrypto >= SIGNER_TARGETS.oursVsWebCrypto,
      oursVsTurnkeySdk: ratios.oursVsTurnkeySdk >= SIGNER_TARGETS.oursVsTurnkeySdk,
    },
    source: "packages/contracts/bench-output/stamp.json",
  };
}
