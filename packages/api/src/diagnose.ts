/**
 * The 3dEye provisioning diagnostics of one user: the database snapshot (user, mapping, recovery)
 * side by side with what 3dEye says right now. The database read and the 3dEye listing run
 * concurrently, so latency is that of the slower one, not the sum. The whole 3dEye probe (the
 * listing and a lookup by id) shares one deadline, `probeDeadlineMs` from the start.
 *
 * @module
 */
import type { DiagnosticsRemote, ThreedeyeDiagnostics } from "@spkey/contracts";
import {
  type CustomerListing,
  type DiagnosticsStore,
  type MappingRecord,
  type ProbeOptions,
  type ThreedeyeDirectory,
  ThreedeyeError,
  type ThreedeyeUser,
} from "./ports.ts";

/** The ports {@linkcode diagnoseThreedeyeUser} reads from. */
export interface DiagnoseDeps {
  store: DiagnosticsStore;
  /** Null when 3dEye is not configured: the report says `remote.configured: false`. */
  threedeye: ThreedeyeDirectory | null;
  signal?: AbortSignal;
}

const MAX_SAMPLE_EMAILS = 5;
const GENERIC_PROBE_ERROR = "3dEye probe failed";

type Probe = { ok: true; listing: CustomerListing } | { ok: false; error: unknown };

/**
 * Builds the diagnostics report for `userId` (a lowercase UUID). Store failures reject (the
 * route answers 503); any 3dEye failure becomes `remote.error` with the rest intact.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { diagnoseThreedeyeUser } from "@spkey/api";
 * const report = await diagnoseThreedeyeUser("99999999-9999-4999-8999-999999999999", {
 *   store: {
 *     readUserSnapshot: () => Promise.resolve({ user: null, mapping: null, recovery: null }),
 *     findUsersByEmail: () => Promise.resolve({ candidates: [], truncated: false }),
 *     ping: () => Promise.resolve(),
 *   },
 *   threedeye: null,
 * });
 * assertEquals([report.user.found, report.remote.configured], [false, false]);
 * ```
 */
export async function diagnoseThreedeyeUser(
  userId: string,
  deps: DiagnoseDeps,
): Promise<ThreedeyeDiagnostics> {
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
    deadline: threedeye === null ? undefined : Date.now() + threedeye.probeDeadlineMs,
  };
  // Started before the database read is awaited; settled into a value so a rejection is never
  // left unhandled while the store is still answering.
  const probe: Promise<Probe> | null = threedeye === null ? null : threedeye
    .listCustomerUsers(bounds)
    .then((listing): Probe => ({ ok: true, listing }), (error): Probe => ({ ok: false, error }));

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
  if (threedeye !== null && probe !== null) {
    const probed = await probe;
    try {
      if (!probed.ok) throw probed.error;
      const { listing } = probed;
      remoteAccountExists = mapping === null
        ? null
        : await mappedAccountExists(threedeye, listing, mapping, bounds);
      const emailHit = email === null
        ? undefined
        : listing.users.find((u) => u.email?.trim() === email);
      remote = {
        ...remote,
        customerId: threedeye.customerId,
        customerUserCount: listing.total,
        emailPresentInCustomer: email === null ? null : emailHit !== undefined,
        match: mapping === null || emailHit === undefined
          ? null
          : emailHit.id === mapping.threedeyeUserId,
        sampleEmails: sampleEmails(listing.users, email),
      };
    } catch (error) {
      remoteAccountExists = null;
      remote = {
        ...remote,
        error: error instanceof ThreedeyeError ? error.message : GENERIC_PROBE_ERROR,
      };
    }
  }

  return {
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
}

/** From the listing when it is complete or has the id; otherwise one lookup by id. */
async function mappedAccountExists(
  threedeye: ThreedeyeDirectory,
  listing: CustomerListing,
  mapping: MappingRecord,
  bounds: ProbeOptions,
): Promise<boolean> {
  if (listing.users.some((u) => u.id === mapping.threedeyeUserId)) return true;
  if (listing.complete) return false;
  return (await threedeye.getUser(mapping.threedeyeUserId, bounds)) !== null;
}

/**
 * At most five distinct customer emails: case-insensitive equals of the user's email first, then
 * the same domain, then the rest, each group in listing order.
 */
function sampleEmails(users: readonly ThreedeyeUser[], email: string | null): string[] {
  const wanted = email?.toLowerCase() ?? null;
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
    .slice(0, MAX_SAMPLE_EMAILS)
    .map(({ candidate }) => candidate);
}

function domainOf(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : email.slice(at + 1);
}
