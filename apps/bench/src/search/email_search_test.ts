import { assert, assertEquals } from "@std/assert";
import { measureEmailSearch } from "./email_search.ts";

// Counts and plans only (timings are the benchmark's business): a small table, few searches.
Deno.test("the email search bench times the same searches on an indexed and an unindexed table", async () => {
  const figures = await measureEmailSearch({ users: 3_000, indexedSearches: 40, scanSearches: 40 });
  assertEquals([figures.users, figures.mappings, figures.sharedAddresses], [3_000, 1_500, 3]);
  const { withIndex, withoutIndex } = figures;
  assertEquals(withIndex.indexes, ["b2c_users_email_nocase"]);
  assertEquals(withoutIndex.indexes, []);
  assert(withIndex.plan.includes("SEARCH u USING INDEX b2c_users_email_nocase (email=?)"));
  assert(withoutIndex.plan.includes("SCAN u"), withoutIndex.plan.join("; "));
  for (const variant of [withIndex, withoutIndex]) {
    assertEquals([variant.searches, variant.roundTripsPerSearch], [40, 1]);
    // 4 misses and 2 shared addresses among 40: 36 searches find 38 users.
    assertEquals(variant.candidatesFound, 38);
    assert(variant.micros.p50 > 0 && variant.micros.p50 <= variant.micros.p99);
  }
});
