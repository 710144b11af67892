import { assertEquals, assertThrows } from "@std/assert";
import type { ThreedeyeUser } from "../domain.ts";
import { ListingIndex } from "./listing_index.ts";

/**
 * The sample as the report defined it over the whole raw listing, before the index existed:
 * distinct emails ranked case-insensitive equal, then same domain, then the rest, each group in
 * listing order, at most five. The index must give exactly this.
 */
function referenceSample(users: readonly ThreedeyeUser[], email: string | null): string[] {
  const wanted = email?.toLowerCase() ?? null;
  const domainOf = (e: string) => (e.lastIndexOf("@") < 0 ? null : e.slice(e.lastIndexOf("@") + 1));
  const domain = wanted === null ? null : domainOf(wanted);
  const rank = (candidate: string): number => {
    const lower = candidate.trim().toLowerCase();
    if (lower === wanted) return 0;
    return domain !== null && domainOf(lower) === domain ? 1 : 2;
  };
  const distinct = [...new Set(users.flatMap((u) => (u.email ? [u.email] : [])))];
  return distinct
    .map((candidate, index) => ({ candidate, index, rank: rank(candidate) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, 5)
    .map(({ candidate }) => candidate);
}

function indexOf(users: readonly ThreedeyeUser[], pageSize = 7): ListingIndex {
  const index = new ListingIndex();
  for (let start = 0; start < users.length; start += pageSize) {
    index.addPage({ users: users.slice(start, start + pageSize), total: users.length });
  }
  index.finish({ total: users.length, complete: true });
  return index;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Emails crowded into few local parts, in every case, with stray spaces; over few domains (big
 * same-domain groups) or many (groups of one or two, so the sample reaches into "the rest").
 */
function crowdedListing(next: () => number, size: number): ThreedeyeUser[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const locals = ["ann", "Ann", "ANN", "bob", "Bob", "cy", "dee", "eve"];
  const domains = next() < 0.5
    ? ["example.com", "Example.com", "EXAMPLE.COM", "other.org", "x.io", ""]
    : ["example.com", "other.org", ...Array.from({ length: 40 }, (_, i) => `d${i}.test`)];
  return Array.from({ length: size }, (_, i) => {
    const roll = next();
    const email = roll < 0.08
      ? null
      : roll < 0.12
      ? pick(["", "  ", "no-at-sign", "@"])
      : `${pick(["", " "])}${pick(locals)}@${pick(domains)}${pick(["", " "])}`;
    return { id: `td-${i}`, email };
  });
}

Deno.test("sampleEmails equals the whole-listing ranking on 500 random crowded listings", () => {
  const next = random(13);
  const wantedEmails = [
    null,
    "ann@example.com",
    "ANN@EXAMPLE.COM",
    "bob@other.org",
    "zed@example.com",
    "nobody@nowhere.test",
    "no-at-sign",
    "cy@",
  ];
  for (let run = 0; run < 500; run++) {
    const users = crowdedListing(next, Math.floor(next() * 60));
    const index = indexOf(users, 1 + Math.floor(next() * 9));
    for (const email of wantedEmails) {
      assertEquals(
        index.sampleEmails(email),
        referenceSample(users, email),
        `run ${run}, email ${email}`,
      );
    }
  }
});

Deno.test("emailOwner is the first user in listing order whose trimmed email is exactly it", () => {
  const index = indexOf([
    { id: "td-1", email: "Ann@example.com" },
    { id: "td-2", email: " ann@example.com " },
    { id: "td-3", email: "ann@example.com" },
    { id: "td-4", email: null },
  ]);
  assertEquals(index.emailOwner("ann@example.com"), "td-2");
  assertEquals(index.emailOwner("Ann@example.com"), "td-1");
  assertEquals(index.emailOwner("ANN@EXAMPLE.COM"), undefined);
  assertEquals([index.hasUser("td-4"), index.hasUser("td-5")], [true, false]);
  assertEquals(index.size, 4);
});

Deno.test("a prefix knows the stated total, not the end; finish says complete or cut", () => {
  const index = new ListingIndex();
  assertEquals(index.total, null);
  index.addPage({ users: [{ id: "td-1", email: "a@x.io" }], total: 10 });
  assertEquals([index.total, index.finished, index.complete], [10, false, false]);
  index.finish({ total: 10, complete: false });
  assertEquals([index.total, index.finished, index.complete], [10, true, false]);
  assertThrows(() => index.addPage({ users: [], total: 10 }), RangeError);

  const counted = new ListingIndex();
  counted.addPage({ users: [{ id: "td-1", email: null }], total: null });
  assertEquals(counted.total, null, "no stated total: unknown until the end");
  counted.finish({ total: 1, complete: true });
  assertEquals([counted.total, counted.complete], [1, true]);
});
