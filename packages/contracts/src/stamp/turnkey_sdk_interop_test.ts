// Cross-checks against Turnkey's own `@turnkey/api-key-stamper` (a devDependency): its stamps must
// verify with our verifier, and ours must have the same header name and stamp shape.
import { ApiKeyStamper } from "@turnkey/api-key-stamper";
import { assert, assertEquals } from "@std/assert";
import { createApiKeyStamper } from "./api_key_stamper.ts";
import { decodeStamp, verifyStamp } from "./verify_stamp.ts";
import {
  decodeStampText,
  P256_ORDER,
  parseDerSignature,
  TURNKEY_SDK_FIXTURE_KEY,
} from "../../test/stamp_support.ts";

const bodies = Array.from(
  { length: 12 },
  (_, i) => JSON.stringify({ organizationId: "org-1", userId: `user-${i}`, note: "ünïcode ✓" }),
);

Deno.test("stamps made by @turnkey/api-key-stamper verify with our verifyStamp, high-S included", async () => {
  const theirs = new ApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY);
  let highS = 0;
  for (const body of bodies) {
    const { stampHeaderValue } = await theirs.stamp(body);
    assert(await verifyStamp(body, stampHeaderValue), body);
    assert(!(await verifyStamp(body + " ", stampHeaderValue)));
    const stamp = decodeStamp(stampHeaderValue);
    if (stamp && parseDerSignature(stamp.signature).s > P256_ORDER / 2n) highS++;
  }
  // Their Node backend does not normalize S: with 12 bodies, all-low-S has odds of 1 in 4096.
  assert(highS > 0, "expected at least one high-S signature from the Turnkey SDK");
});

Deno.test("our stamps have the same header name and stamp shape as @turnkey/api-key-stamper's", async () => {
  const theirs = await new ApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY).stamp(bodies[0]);
  const ours = await createApiKeyStamper(TURNKEY_SDK_FIXTURE_KEY).stamp(bodies[0]);
  assertEquals(ours.stampHeaderName, theirs.stampHeaderName);
  const theirStamp = JSON.parse(decodeStampText(theirs.stampHeaderValue));
  const ourStamp = JSON.parse(decodeStampText(ours.stampHeaderValue));
  assertEquals(Object.keys(ourStamp), Object.keys(theirStamp));
  assertEquals(ourStamp.publicKey, theirStamp.publicKey);
  assertEquals(ourStamp.scheme, theirStamp.scheme);
  assertEquals(/=/.test(ours.stampHeaderValue), /=/.test(theirs.stampHeaderValue));
});
