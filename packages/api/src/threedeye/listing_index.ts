/**
 * The compact index of a customer's 3dEye listing: what a diagnostics report needs from it, kept
 * instead of the raw users. Built page by page in listing order, so that at any moment it is the
 * index of a PREFIX of the listing: a fact found in it (an email's first owner, an id) stays true
 * whatever the later pages hold, and only "not seen" waits for the end.
 *
 * It holds, per user, the id (a set) and the first owner of each exact (trimmed) email (a map),
 * plus, for `sampleEmails`, the letter-case and space variants of the few emails that have them,
 * the first five distinct emails of each domain, and the first five overall. Its size is therefore linear in the users kept, which the
 * scan cap (`THREEDEYE_MAX_USERS`) bounds: about 0.2 KiB a user (README, "Freshness").
 *
 * @module
 */
import type { ListingPage, ListingSummary, ThreedeyeUser } from "../domain.ts";

/** At most this many emails go into a report's `sampleEmails`. */
const MAX_SAMPLE_EMAILS = 5;
/**
 * Why the first five distinct emails of each group are enough. The sample takes the
 * case-insensitive equals first (all of them when there are fewer than five), then the same
 * domain, then the rest. A domain's first five hold at most as many equals as the sample took,
 * so they leave room for as many same-domain emails as it still needs; and "the rest" is only
 * needed when equals and same-domain number n < 5 in the whole listing, so the first five
 * distinct emails overall hold at least the 5 − n that the sample takes from it.
 */

/**
 * A customer listing's index, built page by page in listing order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ListingIndex } from "./listing_index.ts";
 * const index = new ListingIndex();
 * index.addPage({
 *   users: [{ id: "td-1", email: "Ann@Example.com" }, { id: "td-2", email: "ann@example.com" }],
 *   total: 2,
 * });
 * index.finish({ total: 2, complete: true });
 * assertEquals(index.emailOwner("ann@example.com"), "td-2");
 * assertEquals(index.hasUser("td-1"), true);
 * assertEquals(index.sampleEmails("ann@example.com"), ["Ann@Example.com", "ann@example.com"]);
 * ```
 */
export class ListingIndex {
  #total: number | null = null;
  #finished = false;
  #complete = false;
  #users = 0;
  readonly #ids = new Set<string>();
  /** Trimmed email → the id of its first user in listing order. */
  readonly #emailOwners = new Map<string, string>();
  /**
   * Trimmed, lowercased email → its first distinct raw emails in listing order, only for the
   * few emails with a variant in other letter case or with spaces around it. An email already
   * in that form stands for itself, found through `#emailOwners`.
   */
  readonly #variants = new Map<string, string[]>();
  /** Lowercased domain → its first distinct raw emails. */
  readonly #byDomain = new Map<string, string[]>();
  /** The first distinct raw emails of the listing. */
  readonly #firstEmails: string[] = [];

  /**
   * The customer's user count: as 3dEye states it (from the first page on), or as counted when
   * it states none (then only once the listing is finished); null until known.
   */
  get total(): number | null {
    return this.#total;
  }

  /** Whether the listing has ended (successfully). */
  get finished(): boolean {
    return this.#finished;
  }

  /** Whether the listing ended having seen every user (not cut at the scan cap). */
  get complete(): boolean {
    return this.#complete;
  }

  /** Users indexed so far. */
  get size(): number {
    return this.#users;
  }

  /** Indexes the next page of the listing. */
  addPage(page: ListingPage): void {
    if (this.#finished) throw new RangeError("Adding a page needs an unfinished listing index");
    this.#total ??= page.total;
    for (const user of page.users) this.#add(user);
  }

  /** Marks the listing as ended with `summary` (its total and whether it saw everyone). */
  finish(summary: ListingSummary): void {
    this.#total = summary.total;
    this.#complete = summary.complete;
    this.#finished = true;
  }

  /** The id of the first user whose email, trimmed, is exactly `email`; undefined when unseen. */
  emailOwner(email: string): string | undefined {
    return this.#emailOwners.get(email);
  }

  /** Whether a user with this 3dEye id has been seen. */
  hasUser(id: string): boolean {
    return this.#ids.has(id);
  }

  /**
   * At most five distinct emails for spotting case or typo mismatches of `email` (the user's,
   * trimmed): case-insensitive equals first, then the same domain, then the rest, each group in
   * listing order.
   */
  sampleEmails(email: string | null): string[] {
    const wanted = email?.toLowerCase() ?? null;
    const domain = wanted === null ? null : domainOf(wanted);
    const rank = (candidate: string): number => {
      const folded = candidate.trim().toLowerCase();
      if (folded === wanted) return 0;
      return domain !== null && domainOf(folded) === domain ? 1 : 2;
    };
    const equals = wanted === null
      ? []
      : this.#variants.get(wanted) ?? (this.#emailOwners.has(wanted) ? [wanted] : []);
    const sameDomain = domain === null ? [] : this.#byDomain.get(domain) ?? [];
    return [
      ...equals,
      ...sameDomain.filter((candidate) => rank(candidate) === 1),
      ...this.#firstEmails.filter((candidate) => rank(candidate) === 2),
    ].slice(0, MAX_SAMPLE_EMAILS);
  }

  #add(user: ThreedeyeUser): void {
    this.#users += 1;
    this.#ids.add(user.id);
    const raw = user.email;
    if (!raw) return;
    const trimmed = same(raw, raw.trim());
    const folded = same(raw, trimmed.toLowerCase());
    const variants = this.#variants.get(folded);
    if (variants !== undefined) keepFirst(variants, raw, MAX_SAMPLE_EMAILS);
    else if (raw !== folded) {
      // The first variant: the form itself goes first when it was seen before (it is then the
      // owner of its own trimmed form, which no variant has filed yet).
      this.#variants.set(folded, this.#emailOwners.has(folded) ? [folded, raw] : [raw]);
    }
    if (!this.#emailOwners.has(trimmed)) this.#emailOwners.set(trimmed, user.id);

    const domain = domainOf(folded);
    if (domain !== null) {
      const sameDomain = this.#byDomain.get(domain);
      if (sameDomain === undefined) this.#byDomain.set(domain, [raw]);
      else keepFirst(sameDomain, raw, MAX_SAMPLE_EMAILS);
    }
    keepFirst(this.#firstEmails, raw, MAX_SAMPLE_EMAILS);
  }
}

/**
 * Appends `email` unless the list is full or holds it already. A list only grows, so an email
 * seen before is in it unless it was already full then (and is full now).
 */
function keepFirst(list: string[], email: string, limit: number): void {
  if (list.length < limit && !list.includes(email)) list.push(email);
}

/** `derived` itself, or `raw` when they are equal: the index keeps one copy of the text. */
function same(raw: string, derived: string): string {
  return derived === raw ? raw : derived;
}

function domainOf(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : email.slice(at + 1);
}
