/**
 * Signer throughput as `Deno.bench` cases, in one run so the numbers are comparable:
 *
 * - our `stamp()` (noble P-256, DER, JSON + base64url) with noble's default base-point table, the
 *   group's baseline;
 * - WebCrypto ECDSA P-256 / SHA-256 `crypto.subtle.sign` of the same body (raw signature only);
 * - `@turnkey/api-key-stamper`'s `stamp()` (under Deno it takes its node:crypto path);
 * - our `verifyStamp()`;
 * - our `stamp()` again after `p256.Point.BASE.precompute(8)` (a bigger window than noble's
 *   default 6), in the last group because it changes noble's shared table (Deno runs a file's
 *   ungrouped benches first, then its groups in the order they first appear).
 *
 * Run: `deno task bench` (from packages/contracts) for Deno's table, or
 * `deno bench -A --json bench/stamp_bench.ts` for the figures `apps/bench` reads (its `signer`
 * section: the ratios against WebCrypto and the Turnkey SDK, and their targets).
 *
 * @module
 */
import { p256 } from "@noble/curves/nist.js";
import { ApiKeyStamper } from "@turnkey/api-key-stamper";
import { createApiKeyStamper, verifyStamp } from "../src/stamp/mod.ts";

const KEY = {
  apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
};
const BODY = JSON.stringify({
  organizationId: "597ee5fc-31b7-4731-9fa6-d37e41fad588",
  userId: "7648d556-c628-49ab-b0d0-74f24ca1972a",
});

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
const webCryptoSign = await webCryptoSigner();
const { stampHeaderValue } = await ours.stamp(BODY);

Deno.bench({
  name: "ours: stamp() (noble, default W=6 base table)",
  group: "sign",
  baseline: true,
  fn: async () => {
    await ours.stamp(BODY);
  },
});
Deno.bench({
  name: "WebCrypto: crypto.subtle.sign ECDSA P-256",
  group: "sign",
  fn: async () => {
    await webCryptoSign();
  },
});
Deno.bench({
  name: "@turnkey/api-key-stamper: stamp()",
  group: "sign",
  fn: async () => {
    await theirs.stamp(BODY);
  },
});
Deno.bench({
  name: "ours: verifyStamp()",
  group: "verify",
  fn: async () => {
    await verifyStamp(BODY, stampHeaderValue);
  },
});

let window8 = false;
Deno.bench({
  name: "ours: stamp() after BASE.precompute(8)",
  group: "window",
  fn: async () => {
    if (!window8) {
      // Once, in the warm-up: it replaces noble's shared table, so this case runs last.
      p256.Point.BASE.precompute(8, false);
      window8 = true;
    }
    await ours.stamp(BODY);
  },
});
