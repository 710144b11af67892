/**
 * Signer throughput, measured in one run so the numbers are comparable:
 *
 * - our `stamp()` (noble P-256, DER, JSON + base64url) with noble's default base-point table;
 * - WebCrypto ECDSA P-256 / SHA-256 `crypto.subtle.sign` of the same body (raw signature only);
 * - `@turnkey/api-key-stamper`'s `stamp()` (under Deno it takes its node:crypto path);
 * - our `verifyStamp()`;
 * - our `stamp()` again after `p256.Point.BASE.precompute(8, false)` (a bigger window than
 *   noble's default 6), run last because it changes noble's shared table.
 *
 * Each contender runs for BENCH_MS milliseconds (default 1500) after a short warm-up, one
 * operation at a time. Prints ops/s and ratios; writes `bench-output/stamp.json`.
 *
 * Run: `deno task bench` (from packages/contracts).
 *
 * @module
 */
import { p256 } from "@noble/curves/nist.js";
import { ApiKeyStamper } from "@turnkey/api-key-stamper";
import { createApiKeyStamper, verifyStamp } from "../src/stamp/mod.ts";

const DURATION_MS = Number(Deno.env.get("BENCH_MS") ?? 1500);
const WARMUP_OPS = 50;
const KEY = {
  apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
};
const BODY = JSON.stringify({
  organizationId: "597ee5fc-31b7-4731-9fa6-d37e41fad588",
  userId: "7648d556-c628-49ab-b0d0-74f24ca1972a",
});

interface Result {
  name: string;
  ops: number;
  seconds: number;
  opsPerSecond: number;
  microsPerOp: number;
}

async function measure(name: string, op: () => Promise<unknown>): Promise<Result> {
  for (let i = 0; i < WARMUP_OPS; i++) await op();
  let ops = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  while (performance.now() < deadline) {
    // Batches of 10 keep the clock reads out of the measurement.
    for (let i = 0; i < 10; i++) await op();
    ops += 10;
  }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    name,
    ops,
    seconds: round(seconds, 3),
    opsPerSecond: Math.round(ops / seconds),
    microsPerOp: round((seconds * 1e6) / ops, 1),
  };
  console.log(
    `${name.padEnd(52)} ${String(result.opsPerSecond).padStart(7)} ops/s  ${
      String(result.microsPerOp).padStart(7)
    } µs/op`,
  );
  return result;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

async function webCryptoSigner(): Promise<() => Promise<ArrayBuffer>> {
  const d = Uint8Array.from(KEY.apiPrivateKey.match(/../g)!, (h) => parseInt(h, 16));
  const uncompressed = p256.getPublicKey(d, false);
  const key = await crypto.subtle.importKey(
    "jwk",
    {
      kty: "EC",
      crv: "P-256",
      d: base64url(d),
      x: base64url(uncompressed.subarray(1, 33)),
      y: base64url(uncompressed.subarray(33)),
    },
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"],
  );
  const bytes = new TextEncoder().encode(BODY);
  return () => crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, bytes);
}

const ours = createApiKeyStamper(KEY);
const theirs = new ApiKeyStamper(KEY);
const { stampHeaderValue } = await ours.stamp(BODY);

console.log(`Stamp throughput, ${DURATION_MS} ms per contender, Deno ${Deno.version.deno}`);
const results: Result[] = [];
results.push(
  await measure("ours: stamp() (noble, default W=6 base table)", () => ours.stamp(BODY)),
);
results.push(await measure("WebCrypto: crypto.subtle.sign ECDSA P-256", await webCryptoSigner()));
results.push(await measure("@turnkey/api-key-stamper: stamp()", () => theirs.stamp(BODY)));
results.push(await measure("ours: verifyStamp()", () => verifyStamp(BODY, stampHeaderValue)));
p256.Point.BASE.precompute(8, false);
results.push(await measure("ours: stamp() after BASE.precompute(8)", () => ours.stamp(BODY)));

const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!;
const stamp = results[0];
const ratios = {
  oursVsWebCrypto: round(stamp.opsPerSecond / byName("WebCrypto").opsPerSecond, 2),
  oursVsTurnkeySdk: round(stamp.opsPerSecond / byName("@turnkey").opsPerSecond, 2),
  window8VsDefault: round(results[4].opsPerSecond / stamp.opsPerSecond, 2),
};
console.log(
  `ratios: ours/WebCrypto ${ratios.oursVsWebCrypto}x, ours/Turnkey SDK ${ratios.oursVsTurnkeySdk}x, ` +
    `W=8/W=6 ${ratios.window8VsDefault}x`,
);

const outDir = new URL("../bench-output/", import.meta.url);
await Deno.mkdir(outDir, { recursive: true });
const outFile = new URL("stamp.json", outDir);
await Deno.writeTextFile(
  outFile,
  JSON.stringify(
    {
      benchmark: "stamp",
      date: new Date().toISOString(),
      runtime: { deno: Deno.version.deno, v8: Deno.version.v8, os: Deno.build.os },
      durationMsPerContender: DURATION_MS,
      body: BODY,
      results,
      ratios,
    },
    null,
    2,
  ) + "\n",
);
console.log(`wrote ${outFile.pathname}`);
