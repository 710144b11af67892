import { assert, assertEquals, assertRejects } from "@std/assert";
import { ECDH } from "node:crypto";
import { createApiKeyStamper } from "./api_key_stamper.ts";
import { decodeStamp, verifyStamp } from "./verify_stamp.ts";
import {
  decodeStampText,
  encodeDerSignature,
  encodeStampByHand,
  P256_ORDER,
  parseDerSignature,
  TURNKEY_DOCS_VECTOR,
  TURNKEY_SDK_FIXTURE_KEY,
  verifyWithNodeCrypto,
  verifyWithWebCrypto,
} from "../../test/stamp_support.ts";

const SCHEME = "SIGNATURE_SCHEME_TK_API_P256";
const vectorStamp = encodeStampByHand({
  publicKey: TURNKEY_DOCS_VECTOR.publicKey,
  scheme: SCHEME,
  signature: TURNKEY_DOCS_VECTOR.signature,
});

Deno.test("Turnkey's published vector verifies", async () => {
  assert(await verifyStamp(TURNKEY_DOCS_VECTOR.body, vectorStamp));
  // ...and the independent implementations agree, so the vector itself is sound.
  const { body, signature, publicKey } = TURNKEY_DOCS_VECTOR;
  assert(verifyWithNodeCrypto(body, signature, publicKey));
  assert(await verifyWithWebCrypto(body, signature, publicKey));
});

Deno.test("Turnkey's published vector does not verify for the body without the space", async () => {
  assertEquals(await verifyStamp('{"payload":"hello from TKHQ"}', vectorStamp), false);
});

Deno.test("changing any single byte of the body fails verification", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  const body = '{"organizationId":"org-1","userId":"user-1"}';
  const { stampHeaderValue } = await stamper.stamp(body);
  assert(await verifyStamp(body, stampHeaderValue));
  for (const index of [0, 10, body.length - 1]) {
    const changed = body.slice(0, index) + String.fromCharCode(body.charCodeAt(index) ^ 1) +
      body.slice(index + 1);
    assertEquals(await verifyStamp(changed, stampHeaderValue), false, `byte ${index}`);
  }
  assertEquals(await verifyStamp(body + "\n", stampHeaderValue), false);
});

Deno.test("a high-S version of a valid signature verifies (Turnkey's SDK sends both)", async () => {
  const { body, publicKey, signature } = TURNKEY_DOCS_VECTOR;
  const { r, s } = parseDerSignature(signature);
  const flipped = encodeDerSignature(r, P256_ORDER - s);
  assert(flipped !== signature);
  const [low, high] = s <= P256_ORDER / 2n ? [signature, flipped] : [flipped, signature];
  for (const candidate of [low, high]) {
    const header = encodeStampByHand({ publicKey, scheme: SCHEME, signature: candidate });
    assert(await verifyStamp(body, header), candidate === high ? "high-S" : "low-S");
    assert(verifyWithNodeCrypto(body, candidate, publicKey), "node:crypto agrees");
  }
});

const valid = { publicKey: TURNKEY_DOCS_VECTOR.publicKey, scheme: SCHEME };
const sig = TURNKEY_DOCS_VECTOR.signature;
const pub = TURNKEY_DOCS_VECTOR.publicKey;

/** [name, header, well-formed]: well-formed stamps decode but still must not verify. */
const GARBAGE: [string, unknown, boolean][] = [
  ["an empty header", "", false],
  ["not base64url", "!!!not-base64!!!", false],
  ["standard base64 with padding", btoa(JSON.stringify({ ...valid, signature: sig })), false],
  ["base64url that is not JSON", "Zm9vYmFy", false],
  ["a JSON array", encodeStampByHand([1, 2, 3] as never), false],
  ["JSON null", encodeStampByHand(null as never), false],
  [
    "a wrong scheme",
    encodeStampByHand({ ...valid, scheme: "SIGNATURE_SCHEME_TK_API_ED25519", signature: sig }),
    false,
  ],
  ["a missing signature", encodeStampByHand(valid), false],
  ["a non-hex signature", encodeStampByHand({ ...valid, signature: "zz".repeat(35) }), false],
  ["an odd-length signature", encodeStampByHand({ ...valid, signature: sig + "0" }), false],
  ["a numeric signature", encodeStampByHand({ ...valid, signature: 3044 }), false],
  [
    "a non-hex public key",
    encodeStampByHand({ ...valid, publicKey: "zz".repeat(33), signature: sig }),
    false,
  ],
  ["a huge header", "A".repeat(1_000_000), false],
  ["a header that is not a string", 42, false],
  [
    "a truncated DER signature",
    encodeStampByHand({ ...valid, signature: sig.slice(0, 100) }),
    true,
  ],
  [
    "a DER signature with trailing bytes",
    encodeStampByHand({ ...valid, signature: sig + "00" }),
    true,
  ],
  ["a raw (P1363) signature", encodeStampByHand({ ...valid, signature: "11".repeat(64) }), true],
  [
    "an off-curve public key",
    encodeStampByHand({ ...valid, publicKey: "02" + "1".padStart(64, "0"), signature: sig }),
    true,
  ],
  [
    "a public key with a bad prefix",
    encodeStampByHand({ ...valid, publicKey: "07" + pub.slice(2), signature: sig }),
    true,
  ],
  [
    "another key's public key",
    encodeStampByHand({
      ...valid,
      publicKey: TURNKEY_SDK_FIXTURE_KEY.apiPublicKey,
      signature: sig,
    }),
    true,
  ],
];

for (const [name, header, wellFormed] of GARBAGE) {
  Deno.test(`verifyStamp returns false, never throws, for ${name}`, async () => {
    assertEquals(await verifyStamp(TURNKEY_DOCS_VECTOR.body, header as string), false);
    assertEquals(decodeStamp(header as string) !== null, wellFormed);
  });
}

Deno.test("verifyStamp returns false for a body that is not a string", async () => {
  assertEquals(await verifyStamp(undefined as never, vectorStamp), false);
});

Deno.test("decodeStamp returns the three fields of a well-formed stamp", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  const { stampHeaderValue } = await stamper.stamp("x");
  assertEquals(decodeStamp(stampHeaderValue), JSON.parse(decodeStampText(stampHeaderValue)));
});

/** The uncompressed SEC1 form of a compressed key, by node:crypto (not by the code under test). */
function uncompressed(compressedHex: string): string {
  return ECDH.convertKey(compressedHex, "prime256v1", "hex", "hex", "uncompressed") as string;
}

Deno.test("trustedPublicKeys: a valid stamp by a trusted key verifies, by any other key not", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  const body = '{"organizationId":"org-1","userId":"user-1"}';
  const { stampHeaderValue } = await stamper.stamp(body);
  const own = TURNKEY_SDK_FIXTURE_KEY.apiPublicKey;
  const other = TURNKEY_DOCS_VECTOR.publicKey;
  const cases: Array<[string, string[], boolean]> = [
    ["the key itself", [own], true],
    ["the key in upper case", [own.toUpperCase()], true],
    ["the key among others", [other, own], true],
    ["the key uncompressed", [uncompressed(own)], true],
    ["only another key", [other], false],
    ["another key uncompressed", [uncompressed(other)], false],
    ["an empty list", [], false],
  ];
  for (const [name, trustedPublicKeys, expected] of cases) {
    assertEquals(await verifyStamp(body, stampHeaderValue, { trustedPublicKeys }), expected, name);
  }
  // Trust never rescues a bad signature.
  assertEquals(
    await verifyStamp(body + " ", stampHeaderValue, { trustedPublicKeys: [own] }),
    false,
  );
});

Deno.test("trustedPublicKeys: uncompressed keys with odd and even y both match", async () => {
  // The docs vector's key has an odd y (03…), the SDK fixture's an even one (02…).
  assert(TURNKEY_DOCS_VECTOR.publicKey.startsWith("03"));
  assert(TURNKEY_SDK_FIXTURE_KEY.apiPublicKey.startsWith("02"));
  assert(
    await verifyStamp(TURNKEY_DOCS_VECTOR.body, vectorStamp, {
      trustedPublicKeys: [uncompressed(TURNKEY_DOCS_VECTOR.publicKey)],
    }),
  );
  // Same x, wrong parity: another point, not trusted.
  const flipped = "02" + TURNKEY_DOCS_VECTOR.publicKey.slice(2);
  assertEquals(
    await verifyStamp(TURNKEY_DOCS_VECTOR.body, vectorStamp, { trustedPublicKeys: [flipped] }),
    false,
  );
});

Deno.test("trustedPublicKeys: a stamp naming a trusted key but signed by another does not verify", async () => {
  const body = TURNKEY_DOCS_VECTOR.body;
  const forged = encodeStampByHand({
    publicKey: TURNKEY_SDK_FIXTURE_KEY.apiPublicKey,
    scheme: SCHEME,
    signature: TURNKEY_DOCS_VECTOR.signature,
  });
  assertEquals(
    await verifyStamp(body, forged, { trustedPublicKeys: [TURNKEY_SDK_FIXTURE_KEY.apiPublicKey] }),
    false,
  );
});

for (
  const [name, key] of [
    ["an empty string", ""],
    ["a key with a typo", TURNKEY_DOCS_VECTOR.publicKey.slice(0, 65)],
    ["a 04 key of compressed length", "04" + TURNKEY_DOCS_VECTOR.publicKey.slice(2)],
    ["non-hex", "0z" + "0".repeat(64)],
    ["a number", 42],
  ] as const
) {
  Deno.test(`trustedPublicKeys holding ${name} rejects with a TypeError, not a silent false`, async () => {
    await assertRejects(
      () =>
        verifyStamp(TURNKEY_DOCS_VECTOR.body, vectorStamp, {
          trustedPublicKeys: [TURNKEY_DOCS_VECTOR.publicKey, key as string],
        }),
      TypeError,
      "trustedPublicKeys must hold P-256 public keys",
    );
  });
}
