import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "@std/assert";
import { createApiKeyStamper } from "./api_key_stamper.ts";
import { verifyStamp } from "./verify_stamp.ts";
import {
  decodeStampText,
  P256_ORDER,
  parseDerSignature,
  TURNKEY_SDK_FIXTURE_KEY,
  verifyWithNodeCrypto,
  verifyWithWebCrypto,
} from "../../test/stamp_support.ts";

const BODY = JSON.stringify({
  organizationId: "597ee5fc-31b7-4731-9fa6-d37e41fad588",
  userId: "7648d556-c628-49ab-b0d0-74f24ca1972a",
});

Deno.test("the SDK fixture private key derives the SDK fixture public key", () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  assertEquals(stamper.publicKey, TURNKEY_SDK_FIXTURE_KEY.apiPublicKey);
});

Deno.test("a stamp is X-Stamp, base64url without padding, of { publicKey, scheme, signature } in that order", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  const { stampHeaderName, stampHeaderValue } = await stamper.stamp(BODY);
  assertEquals(stampHeaderName, "X-Stamp");
  assertMatch(stampHeaderValue, /^[A-Za-z0-9_-]+$/);
  const text = decodeStampText(stampHeaderValue);
  const stamp = JSON.parse(text);
  assertEquals(Object.keys(stamp), ["publicKey", "scheme", "signature"]);
  assertEquals(stamp.publicKey, TURNKEY_SDK_FIXTURE_KEY.apiPublicKey);
  assertEquals(stamp.scheme, "SIGNATURE_SCHEME_TK_API_P256");
  assertMatch(stamp.signature, /^30[0-9a-f]+$/);
  assertEquals(text, JSON.stringify(stamp), "no whitespace in the stamp JSON");
});

Deno.test("our stamps verify with WebCrypto and node:crypto, not only with noble", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  for (const body of [BODY, "", "héllo 🌍 wörld", '{"payload": "hello from TKHQ"}']) {
    const { stampHeaderValue } = await stamper.stamp(body);
    const { signature, publicKey } = JSON.parse(decodeStampText(stampHeaderValue));
    assert(await verifyWithWebCrypto(body, signature, publicKey), `WebCrypto: ${body}`);
    assert(verifyWithNodeCrypto(body, signature, publicKey), `node:crypto: ${body}`);
    assert(await verifyStamp(body, stampHeaderValue));
    // The independent verifiers must also say no to a different body.
    assert(!(await verifyWithWebCrypto(body + " ", signature, publicKey)));
    assert(!verifyWithNodeCrypto(body + " ", signature, publicKey));
  }
});

Deno.test("our signatures are low-S and sign SHA-256 of the body once (not twice)", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  const { stampHeaderValue } = await stamper.stamp(BODY);
  const { signature } = JSON.parse(decodeStampText(stampHeaderValue));
  const { s } = parseDerSignature(signature);
  assert(s <= P256_ORDER / 2n);
  // Independent verifiers hash the body themselves: passing means the body was hashed once.
  assert(verifyWithNodeCrypto(BODY, signature, TURNKEY_SDK_FIXTURE_KEY.apiPublicKey));
});

Deno.test("a private key given without its leading zeros is accepted", async () => {
  // 0x01 as the scalar: its public key is the generator G.
  const generator = "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
  for (const apiPrivateKey of ["1", "01", "0".repeat(63) + "1"]) {
    const stamper = createApiKeyStamper({ apiPublicKey: generator, apiPrivateKey });
    const { stampHeaderValue } = await stamper.stamp("x");
    assert(await verifyStamp("x", stampHeaderValue));
  }
});

Deno.test("upper-case hex keys are accepted and the stamp carries the lower-case public key", () => {
  const stamper = createApiKeyStamper({
    apiPublicKey: TURNKEY_SDK_FIXTURE_KEY.apiPublicKey.toUpperCase(),
    apiPrivateKey: TURNKEY_SDK_FIXTURE_KEY.apiPrivateKey.toUpperCase(),
  });
  assertEquals(stamper.publicKey, TURNKEY_SDK_FIXTURE_KEY.apiPublicKey);
});

const { apiPublicKey: PUB, apiPrivateKey: PRIV } = TURNKEY_SDK_FIXTURE_KEY;
const ORDER_HEX = P256_ORDER.toString(16);

const MALFORMED: {
  name: string;
  apiPublicKey: unknown;
  apiPrivateKey: unknown;
  error: typeof TypeError | typeof RangeError;
  message: string;
}[] = [
  {
    name: "a mismatched public key",
    apiPublicKey: "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae",
    apiPrivateKey: PRIV,
    error: RangeError,
    message: `apiPublicKey does not match apiPrivateKey (the private key's public key is ${PUB})`,
  },
  {
    name: "a private key longer than 64 hex characters",
    apiPublicKey: PUB,
    apiPrivateKey: "00" + PRIV,
    error: RangeError,
    message: "apiPrivateKey must be 1 to 64 hex characters (a P-256 scalar), got 66",
  },
  {
    name: "an empty private key",
    apiPublicKey: PUB,
    apiPrivateKey: "",
    error: RangeError,
    message: "apiPrivateKey must be 1 to 64 hex characters (a P-256 scalar), got 0",
  },
  {
    name: "a non-hex private key",
    apiPublicKey: PUB,
    apiPrivateKey: PRIV.slice(0, 63) + "g",
    error: TypeError,
    message: "apiPrivateKey must contain only hex characters",
  },
  {
    name: "a private key with a 0x prefix",
    apiPublicKey: PUB,
    apiPrivateKey: "0x" + PRIV.slice(2),
    error: TypeError,
    message: "apiPrivateKey must contain only hex characters",
  },
  {
    name: "a zero private key",
    apiPublicKey: PUB,
    apiPrivateKey: "0".repeat(64),
    error: RangeError,
    message: "apiPrivateKey is not a valid P-256 private key",
  },
  {
    name: "a private key equal to the curve order",
    apiPublicKey: PUB,
    apiPrivateKey: ORDER_HEX,
    error: RangeError,
    message: "apiPrivateKey is not a valid P-256 private key",
  },
  {
    name: "a private key above the curve order",
    apiPublicKey: PUB,
    apiPrivateKey: "f".repeat(64),
    error: RangeError,
    message: "apiPrivateKey is not a valid P-256 private key",
  },
  {
    name: "a missing private key",
    apiPublicKey: PUB,
    apiPrivateKey: undefined,
    error: TypeError,
    message: "apiPrivateKey must be a hex string, got undefined",
  },
  {
    name: "a public key of the wrong length",
    apiPublicKey: PUB.slice(0, 64),
    apiPrivateKey: PRIV,
    error: RangeError,
    message: "apiPublicKey must be 66 hex characters (a compressed P-256 point), got 64",
  },
  {
    name: "an uncompressed public key",
    apiPublicKey: "04" + "ab".repeat(64),
    apiPrivateKey: PRIV,
    error: RangeError,
    message: "apiPublicKey must be 66 hex characters (a compressed P-256 point), got 130",
  },
  {
    name: "a non-hex public key",
    apiPublicKey: PUB.slice(0, 65) + "z",
    apiPrivateKey: PRIV,
    error: TypeError,
    message: "apiPublicKey must contain only hex characters",
  },
  {
    name: "a public key with a wrong prefix",
    apiPublicKey: "05" + PUB.slice(2),
    apiPrivateKey: PRIV,
    error: RangeError,
    message: "apiPublicKey must be a compressed point starting with 02 or 03, got 05",
  },
  {
    name: "an off-curve public key",
    // x = 1 gives no point on P-256 (1 - 3 + b is a quadratic non-residue mod p).
    apiPublicKey: "02" + "1".padStart(64, "0"),
    apiPrivateKey: PRIV,
    error: RangeError,
    message: "apiPublicKey is not a point on the P-256 curve",
  },
];

for (const { name, apiPublicKey, apiPrivateKey, error, message } of MALFORMED) {
  Deno.test(`createApiKeyStamper rejects ${name} with ${error.name}`, () => {
    const thrown = assertThrows(
      () => createApiKeyStamper({ apiPublicKey, apiPrivateKey } as never),
      error,
      message,
    );
    assert(thrown.message.startsWith("Cannot create the API key stamper: "));
    assert(!thrown.message.includes(PRIV), "the private key never appears in errors");
  });
}

Deno.test("stamp() rejects a non-string payload instead of signing its String()", async () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  await assertRejects(
    () => stamper.stamp({ a: 1 } as never),
    TypeError,
    "Cannot stamp the request: payload must be a string, got object",
  );
});

Deno.test("the stamper does not expose its private key", () => {
  const stamper = createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  assertEquals(Object.keys(stamper).sort(), ["publicKey", "stamp"]);
  assert(!JSON.stringify(stamper).includes(PRIV));
  assert(!Deno.inspect(stamper, { depth: 5 }).includes(PRIV));
});
