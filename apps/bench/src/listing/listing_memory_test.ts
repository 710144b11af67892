import { assert, assertEquals } from "@std/assert";
import { measureListingMemory } from "./listing_memory.ts";

Deno.test("a kept listing's index grows with the users, at most 0.5 KiB a user, up to 100,000", async () => {
  const { sizes } = await measureListingMemory([10_000, 100_000]);
  assertEquals(sizes.map((size) => size.users), [10_000, 100_000]);
  for (const { users, indexBytes, indexBytesPerUser } of sizes) {
    // Linear in the users (what THREEDEYE_MAX_USERS caps); 0.5 KiB is twice what is measured.
    assert(indexBytes > 0 && indexBytesPerUser <= 512, `${users} users: ${indexBytes} bytes`);
  }
});
