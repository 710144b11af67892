/**
 * Prints (one JSON line) the heap a customer listing's index retains for N users, measured in
 * this fresh process with V8's `gc()` exposed: `deno run --v8-flags=--expose-gc
 * listing_memory_probe.ts <users>` (run by `listing_memory.ts`). Also the heap the same users
 * take as the raw `{ id, email }` array the report used to hold, for comparison.
 *
 * The users look like a real customer's: UUID ids (36 characters: longer than the stand-in's),
 * `first.last<n>@domain` emails over a few big mail providers and many company domains, 3% in
 * mixed case, 1% without an email. Pages of 100 go through `JSON.parse`, so the strings are
 * what a listing page really gives.
 *
 * @module
 */
import type { ThreedeyeUser } from "@spkey/api";
import { ListingIndex } from "@spkey/api/listing-index";
import { realisticCustomerPage } from "./realistic_customer.ts";

const users = Number(Deno.args[0]);
const gc = (globalThis as { gc?: () => void }).gc;
if (!Number.isSafeInteger(users) || users < 1 || gc === undefined) {
  console.error("usage: deno run --v8-flags=--expose-gc listing_memory_probe.ts <users>");
  Deno.exit(2);
}
const heapUsed = () => {
  gc();
  gc();
  return Deno.memoryUsage().heapUsed;
};

const PAGE = 100;
const pages = (each: (page: ThreedeyeUser[]) => void) => {
  for (let start = 0; start < users; start += PAGE) {
    const text = JSON.stringify({
      data: realisticCustomerPage(start, Math.min(PAGE, users - start)),
    });
    each((JSON.parse(text) as { data: ThreedeyeUser[] }).data);
  }
};

const before = heapUsed();
const index = new ListingIndex();
pages((page) => index.addPage({ users: page, total: users }));
index.finish({ total: users, complete: true });
const withIndex = heapUsed();
const raw: ThreedeyeUser[] = [];
pages((page) => raw.push(...page));
const withRaw = heapUsed();
if (index.size !== users || raw.length !== users) Deno.exit(1);
console.log(JSON.stringify({
  users,
  indexBytes: withIndex - before,
  rawUsersBytes: withRaw - withIndex,
}));
