import { assert, assertEquals, assertInstanceOf, assertRejects } from "@std/assert";
import { verifyStamp } from "@spkey/contracts/stamp";
import { ConfigError } from "./config_parse.ts";
import {
  createDeferredApiKeyStamper,
  KEY_PAIR_MISMATCH,
  type StampModule,
} from "./turnkey_stamper.ts";

// Turnkey's SDK fixture key, and the public key of Turnkey's docs vector: well-formed, not a pair.
const PAIR = {
  apiPublicKey: "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
  apiPrivateKey: "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
};
const OTHER_PUBLIC_KEY = "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae";

function countingLoader(load: () => Promise<StampModule> = () => import("@spkey/contracts/stamp")) {
  const calls = { count: 0 };
  return { calls, load: () => (calls.count++, load()) };
}

Deno.test("the deferred stamper loads nothing until its first stamp, then loads once", async () => {
  const { calls, load } = countingLoader();
  const stamper = createDeferredApiKeyStamper(PAIR, load);
  assertEquals(calls.count, 0);
  const bodies = ["{}", '{"a":1}', '{"b":2}'];
  const stamps = await Promise.all(bodies.map((body) => stamper.stamp(body)));
  assertEquals(calls.count, 1, "concurrent first stamps share one load");
  for (const [i, { stampHeaderName, stampHeaderValue }] of stamps.entries()) {
    assertEquals(stampHeaderName, "X-Stamp");
    assert(await verifyStamp(bodies[i], stampHeaderValue), bodies[i]);
  }
  await stamper.stamp("{}");
  assertEquals(calls.count, 1);
});

Deno.test("the deferred stamper rejects every stamp with one ConfigError for a mismatched pair", async () => {
  const { calls, load } = countingLoader();
  const stamper = createDeferredApiKeyStamper({ ...PAIR, apiPublicKey: OTHER_PUBLIC_KEY }, load);
  for (let i = 0; i < 2; i++) {
    const error = await assertRejects(() => stamper.stamp("{}"), ConfigError, KEY_PAIR_MISMATCH);
    assertInstanceOf(error.cause, RangeError);
    assert(!error.message.includes(PAIR.apiPrivateKey));
  }
  assertEquals(calls.count, 1, "the failed check is not repeated");
});

Deno.test("the deferred stamper tries the load again after it failed", async () => {
  let fail = true;
  const { calls, load } = countingLoader(() =>
    fail
      ? Promise.reject(new TypeError("Loading the module failed"))
      : import("@spkey/contracts/stamp")
  );
  const stamper = createDeferredApiKeyStamper(PAIR, load);
  await assertRejects(() => stamper.stamp("{}"), TypeError, "Loading the module failed");
  fail = false;
  const { stampHeaderValue } = await stamper.stamp("{}");
  assert(await verifyStamp("{}", stampHeaderValue));
  assertEquals(calls.count, 2);
});
