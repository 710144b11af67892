/**
 * The exact diagnostics report for every seeded demo user, written out from the demo spec (the
 * table of users and the report semantics), assuming the 3dEye stand-in serves the demo customer
 * in its listing order; and the exact answers of searches by email over the same users. Used by
 * the unit tests and the HTTP conformance suite alike.
 *
 * @module
 */
import type { ThreedeyeDiagnostics, ThreedeyeUserSearch } from "@spkey/contracts";

/** The demo user ids by state. */
export const DEMO_IDS = {
  healthy: "11111111-1111-4111-8111-111111111111",
  noMapping: "22222222-2222-4222-8222-222222222222",
  noPassword: "33333333-3333-4333-8333-333333333333",
  accountGone: "44444444-4444-4444-8444-444444444444",
  orphanedRemote: "55555555-5555-4555-8555-555555555555",
  caseMismatch: "66666666-6666-4666-8666-666666666666",
  withRecovery: "77777777-7777-4777-8777-777777777777",
  sharedEmail: "88888888-8888-4888-8888-888888888888",
  unknown: "99999999-9999-4999-8999-999999999999",
} as const;

/** A demo state name. */
export type DemoState = keyof typeof DEMO_IDS;

const ALICE = "alice@example.com";
const CAROL = "carol@example.com";
const ERIN = "erin@example.com";
const FRANK = "Frank@Example.com";
const GRACE = "grace@example.com";

type Remote = ThreedeyeDiagnostics["remote"];

function remote(
  emailPresentInCustomer: boolean | null,
  match: boolean | null,
  sampleEmails: string[],
): Remote {
  return {
    configured: true,
    customerId: "cust-demo-001",
    customerUserCount: 10,
    emailPresentInCustomer,
    match,
    sampleEmails,
    error: null,
  };
}

function mapping(
  threedeyeUserId: string,
  hasPassword: boolean,
  createdAt: string,
  remoteAccountExists: boolean | null,
): ThreedeyeDiagnostics["mapping"] {
  return { found: true, threedeyeUserId, hasPassword, createdAt, remoteAccountExists };
}

const NO_MAPPING = {
  found: false,
  threedeyeUserId: null,
  hasPassword: false,
  createdAt: null,
  remoteAccountExists: null,
};
const NO_RECOVERY = { found: false, roleIds: [] };

/** Expected reports with 3dEye configured (the stand-in serving the demo customer). */
export const EXPECTED_REPORTS: Record<DemoState, ThreedeyeDiagnostics> = {
  healthy: {
    userId: DEMO_IDS.healthy,
    user: { found: true, email: ALICE },
    mapping: mapping("td-1001", true, "2026-01-05T10:00:00.000Z", true),
    recovery: NO_RECOVERY,
    remote: remote(true, true, [ALICE, CAROL, ERIN, FRANK, GRACE]),
  },
  noMapping: {
    userId: DEMO_IDS.noMapping,
    user: { found: true, email: "bob@example.com" },
    mapping: NO_MAPPING,
    recovery: NO_RECOVERY,
    remote: remote(false, null, [ALICE, CAROL, ERIN, FRANK, GRACE]),
  },
  noPassword: {
    userId: DEMO_IDS.noPassword,
    user: { found: true, email: CAROL },
    mapping: mapping("td-1003", false, "2026-02-10T08:30:00.000Z", true),
    recovery: NO_RECOVERY,
    remote: remote(true, true, [CAROL, ALICE, ERIN, FRANK, GRACE]),
  },
  accountGone: {
    userId: DEMO_IDS.accountGone,
    user: { found: true, email: "dave@example.com" },
    mapping: mapping("td-1004", true, "2026-03-01T12:00:00.000Z", false),
    recovery: NO_RECOVERY,
    remote: remote(false, null, [ALICE, CAROL, ERIN, FRANK, GRACE]),
  },
  orphanedRemote: {
    userId: DEMO_IDS.orphanedRemote,
    user: { found: true, email: ERIN },
    mapping: mapping("td-1005", true, "2026-03-15T09:00:00.000Z", false),
    recovery: NO_RECOVERY,
    remote: remote(true, false, [ERIN, ALICE, CAROL, FRANK, GRACE]),
  },
  caseMismatch: {
    userId: DEMO_IDS.caseMismatch,
    user: { found: true, email: "frank@example.com" },
    mapping: mapping("td-1006", true, "2026-04-01T07:45:00.000Z", true),
    recovery: NO_RECOVERY,
    remote: remote(false, null, [FRANK, ALICE, CAROL, ERIN, GRACE]),
  },
  withRecovery: {
    userId: DEMO_IDS.withRecovery,
    user: { found: true, email: GRACE },
    mapping: mapping("td-1007", true, "2026-05-20T16:20:00.000Z", true),
    recovery: { found: true, roleIds: ["role-owner", "role-viewer"] },
    remote: remote(true, true, [GRACE, ALICE, CAROL, ERIN, FRANK]),
  },
  sharedEmail: {
    userId: DEMO_IDS.sharedEmail,
    user: { found: true, email: "Alice@Example.com" },
    mapping: NO_MAPPING,
    recovery: NO_RECOVERY,
    remote: remote(false, null, [ALICE, CAROL, ERIN, FRANK, GRACE]),
  },
  unknown: {
    userId: DEMO_IDS.unknown,
    user: { found: false, email: null },
    mapping: NO_MAPPING,
    recovery: NO_RECOVERY,
    remote: remote(null, null, [ALICE, CAROL, ERIN, FRANK, GRACE]),
  },
};

/** The remote section when 3dEye is not configured. */
export const UNCONFIGURED_REMOTE: Remote = {
  configured: false,
  customerId: null,
  customerUserCount: null,
  emailPresentInCustomer: null,
  match: null,
  sampleEmails: [],
  error: null,
};

/** The expected report for `state` on a server without 3dEye settings. */
export function expectedWithoutThreedeye(state: DemoState): ThreedeyeDiagnostics {
  const report = structuredClone(EXPECTED_REPORTS[state]);
  return {
    ...report,
    mapping: { ...report.mapping, remoteAccountExists: null },
    remote: UNCONFIGURED_REMOTE,
  };
}

/** The most candidates a search answer lists. */
export const SEARCH_LIMIT = 20;

/**
 * Exact search answers over the demo users, by the query sent (already trimmed): alice's address
 * is shared with a later, never provisioned sign-up in other letter case; frank's matches in any
 * case; a non-ASCII letter must match exactly, so nobody has `alicé@example.com`.
 */
export const EXPECTED_SEARCHES: Record<string, ThreedeyeUserSearch> = {
  "ALICE@example.com": {
    email: "ALICE@example.com",
    candidates: [
      {
        userId: DEMO_IDS.healthy,
        email: ALICE,
        createdAt: "2026-01-05T09:58:00.000Z",
        hasThreedeyeMapping: true,
      },
      {
        userId: DEMO_IDS.sharedEmail,
        email: "Alice@Example.com",
        createdAt: "2026-06-02T10:00:00.000Z",
        hasThreedeyeMapping: false,
      },
    ],
    limit: SEARCH_LIMIT,
    truncated: false,
  },
  "FRANK@EXAMPLE.COM": {
    email: "FRANK@EXAMPLE.COM",
    candidates: [{
      userId: DEMO_IDS.caseMismatch,
      email: "frank@example.com",
      createdAt: "2026-04-01T07:44:00.000Z",
      hasThreedeyeMapping: true,
    }],
    limit: SEARCH_LIMIT,
    truncated: false,
  },
  "bob@example.com": {
    email: "bob@example.com",
    candidates: [{
      userId: DEMO_IDS.noMapping,
      email: "bob@example.com",
      createdAt: "2026-01-20T14:00:00.000Z",
      hasThreedeyeMapping: false,
    }],
    limit: SEARCH_LIMIT,
    truncated: false,
  },
  "alicé@example.com": {
    email: "alicé@example.com",
    candidates: [],
    limit: SEARCH_LIMIT,
    truncated: false,
  },
  "nobody@example.com": {
    email: "nobody@example.com",
    candidates: [],
    limit: SEARCH_LIMIT,
    truncated: false,
  },
};
