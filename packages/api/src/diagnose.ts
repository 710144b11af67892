/**
 * The 3dEye provisioning diagnostics of one user: the database snapshot (user, mapping, recovery)
 * side by side with what 3dEye says. The database read and the 3dEye listing run concurrently,
 * so latency is that of the slower one, not the sum. The whole 3dEye probe (the listing and a
 * lookup by id) shares one deadline, `probeDeadlineMs` from the start.
 *
 * The listing comes from the per-instance listing cache (`threedeye/customer_listing.ts`), and a
 * report waits for it only until it has what the report needs (early stop): when 3dEye states
 * the customer's `total`, as soon as the user's email (exactly) and the mapped 3dEye id have both
 * been seen. "Not seen yet" never counts as "absent": only a listing that saw every user says an
 * email or an account is not there, and a listing cut at the scan cap asks for the mapped account
 * by id.
 *
 * @module
 */
import type { DiagnosticsRemote, ThreedeyeDiagnostics } from "@spkey/contracts";
import {
  type DiagnosticsStore,
  type MappingRecord,
  type ProbeOptions,
  ThreedeyeError,
} from "./domain.ts";
import type {
  CustomerListingCache,
  ListingHold,
  ListingView,
} from "./threedeye/customer_listing.ts";
import type { ListingIndex } from "./threedeye/listing_index.ts";

/** The ports {@linkcode diagnoseThreedeyeUser} reads from, and how this lookup wants 3dEye. */
export interface DiagnoseDeps {
  store: DiagnosticsStore;
  /** 3dEye behind its listing cache; null when not configured (`remote.configured: false`). */
  threedeye: CustomerListingCache | null;
  /** Ends the 3dEye wait, e.g. when the HTTP client disconnects. */
  signal?: AbortSignal;
  /** A fresh listing rather than a kept one (`Cache-Control: no-cache`). */
  freshListing?: boolean;
  /** Keeps 3dEye work alive past the response (a Worker's `executionCtx.waitUntil`). */
  waitUntil?: (work: Promise<unknown>) => void;
}

/** A report, and how old its remote part is. */
export interface Diagnosis {
  /** The report, in the seed's exact shape. */
  report: ThreedeyeDiagnostics;
  /** When the 3dEye listing behind `remote` was started; null without a successful probe. */
  remoteFetchedAt: Date | null;
}

const GENERIC_PROBE_ERROR = "3dEye probe failed";

/**
 * Builds the diagnostics report for `userId` (a lowercase UUID). Store failures reject (the
 * route answers 503); any 3dEye failure becomes `remote.error` with the rest intact.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { diagnoseThreedeyeUser } from "@spkey/api";
 * const { report, remoteFetchedAt } = await diagnoseThreedeyeUser(
 *   "99999999-9999-4999-8999-999999999999",
 *   {
 *     store: {
 *       readUserSnapshot: () => Promise.resolve({ user: null, mapping: null, recovery: null }),
 *       findUsersByEmail: () => Promise.resolve({ candidates: [], truncated: false }),
 *       ping: () => Promise.resolve(),
 *     },
 *     threedeye: null,
 *   },
 * );
 * assertEquals([report.user.found, report.remote.configured, remoteFetchedAt], [false, false, null]);
 * ```
 */
export async function diagnoseThreedeyeUser(
  userId: string,
  deps: DiagnoseDeps,
): Promise<Diagnosis> {
  const { store, threedeye } = deps;
  // Abort the probe if the database fails: its answer would be thrown away. Without 3dEye there
  // is no probe, so no controller and no combined signal either (both cost on every request).
  const probeAbort = threedeye === null ? null : new AbortController();
  const signal = probeAbort === null
    ? undefined
    : deps.signal
    ? AbortSignal.any([deps.signal, probeAbort.signal])
    : probeAbort.signal;
  const bounds: ProbeOptions = {
    signal,
    deadline: threedeye === null ? undefined : Date.now() + threedeye.directory.probeDeadlineMs,
  };
  // Joined before the database read is awaited, so the listing (when one is needed) runs
  // meanwhile; what is enough of it is known once the user's rows are in.
  const hold: ListingHold | null = threedeye === null
    ? null
    : threedeye.join({ ...bounds, fresh: deps.freshListing, waitUntil: deps.waitUntil });

  let snapshot;
  try {
    snapshot = await store.readUserSnapshot(userId);
  } catch (error) {
    probeAbort?.abort();
    throw error;
  }
  const { user, mapping, recovery } = snapshot;
  const email = user?.email?.trim() || null;

  let remote: DiagnosticsRemote = {
    configured: threedeye !== null,
    customerId: null,
    customerUserCount: null,
    emailPresentInCustomer: null,
    match: null,
    sampleEmails: [],
    error: null,
  };
  let remoteAccountExists: boolean | null = null;
  let remoteFetchedAt: Date | null = null;
  if (threedeye !== null && hold !== null) {
    try {
      const listing = await hold.until(enoughFor(email, mapping));
      ({ remote, remoteAccountExists } = await probeFacts(
        threedeye,
        listing,
        email,
        mapping,
        bounds,
      ));
      remoteFetchedAt = new Date(listing.fetchedAt);
    } catch (error) {
      remote = {
        ...remote,
        error: error instanceof ThreedeyeError ? error.message : GENERIC_PROBE_ERROR,
      };
    }
  }

  const report: ThreedeyeDiagnostics = {
    userId,
    user: { found: user !== null, email: user?.email ?? null },
    mapping: {
      found: mapping !== null,
      threedeyeUserId: mapping?.threedeyeUserId ?? null,
      hasPassword: mapping?.hasPassword ?? false,
      createdAt: mapping?.createdAt ?? null,
      remoteAccountExists,
    },
    recovery: { found: recovery !== null, roleIds: recovery?.roleIds ?? [] },
    remote,
  };
  return { report, remoteFetchedAt };
}

/**
 * When a report has enough of the listing before its end: 3dEye stated the customer's total,
 * the email's first owner has been seen (it cannot change: the index is a prefix of the
 * listing), and so has the mapped id.
 */
function enoughFor(
  email: string | null,
  mapping: MappingRecord | null,
): (index: ListingIndex) => boolean {
  return (index) =>
    index.total !== null &&
    (email === null || index.emailOwner(email) !== undefined) &&
    (mapping === null || index.hasUser(mapping.threedeyeUserId));
}

/** The report's 3dEye facts from the listing (and, when it cannot tell, a lookup by id). */
async function probeFacts(
  threedeye: CustomerListingCache,
  { index }: ListingView,
  email: string | null,
  mapping: MappingRecord | null,
  bounds: ProbeOptions,
): Promise<{ remote: DiagnosticsRemote; remoteAccountExists: boolean | null }> {
  // Read before the lookup by id: the index may grow meanwhile, and one report reads one state.
  const owner = email === null ? undefined : index.emailOwner(email);
  const sampleEmails = index.sampleEmails(email);
  const emailPresentInCustomer = email === null
    ? null
    : owner !== undefined
    ? true
    : index.complete
    ? false
    : null;
  const remoteAccountExists = mapping === null
    ? null
    : await mappedAccountExists(threedeye, index, mapping, bounds);
  return {
    remote: {
      configured: true,
      customerId: threedeye.directory.customerId,
      customerUserCount: index.total,
      emailPresentInCustomer,
      match: mapping === null || owner === undefined ? null : owner === mapping.threedeyeUserId,
      sampleEmails,
      error: null,
    },
    remoteAccountExists,
  };
}

/** From the listing when it is complete or has the id; otherwise one lookup by id. */
async function mappedAccountExists(
  threedeye: CustomerListingCache,
  index: ListingIndex,
  mapping: MappingRecord,
  bounds: ProbeOptions,
): Promise<boolean> {
  if (index.hasUser(mapping.threedeyeUserId)) return true;
  if (index.complete) return false;
  return (await threedeye.directory.getUser(mapping.threedeyeUserId, bounds)) !== null;
}
