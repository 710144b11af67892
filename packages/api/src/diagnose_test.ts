import { assert, assertEquals, assertRejects } from "@std/assert";
import { type ThreedeyeDiagnostics, ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
import { type DiagnoseDeps, diagnoseThreedeyeUser } from "./diagnose.ts";
import {
  type DiagnosticsStore,
  type ProbeOptions,
  StoreUnavailableError,
  type ThreedeyeDirectory,
  ThreedeyeError,
} from "./domain.ts";
import {
  DEMO_IDS,
  type DemoState,
  EXPECTED_REPORTS,
  expectedWithoutThreedeye,
} from "@spkey/testkit/conformance";
import { demoDirectory, demoStore } from "../test/support/demo_fixture.ts";
import { databaseDown, fakeDirectory, fakeListing, fakeStore } from "../test/support/fakes.ts";

/** The report of `userId`, 3dEye (when given) behind a listing cache that keeps nothing. */
async function diagnose(
  userId: string,
  store: DiagnosticsStore,
  threedeye: ThreedeyeDirectory | null,
  extra: Omit<DiagnoseDeps, "store" | "threedeye"> = {},
): Promise<ThreedeyeDiagnostics> {
  const listing = threedeye === null ? null : fakeListing(threedeye);
  return (await diagnoseThreedeyeUser(userId, { store, threedeye: listing, ...extra })).report;
}

for (const state of Object.keys(DEMO_IDS) as DemoState[]) {
  Deno.test(`diagnoseThreedeyeUser reports the ${state} demo user per the spec`, async () => {
    const threedeye = demoDirectory();
    const report = await diagnose(DEMO_IDS[state], demoStore(), threedeye);
    assertEquals(report, EXPECTED_REPORTS[state]);
    ThreedeyeDiagnosticsSchema.parse(report);
    assertEquals(threedeye.listCalls, 1);
    assertEquals(threedeye.getUserCalls, [], "a complete listing needs no lookups by id");
  });

  Deno.test(`diagnoseThreedeyeUser reports ${state} with remote.configured false without 3dEye`, async () => {
    const report = await diagnose(DEMO_IDS[state], demoStore(), null);
    assertEquals(report, expectedWithoutThreedeye(state));
    ThreedeyeDiagnosticsSchema.parse(report);
  });
}

const PROBE_FAILURES: Array<[string, unknown, string]> = [
  [
    "a ThreedeyeError keeps its message",
    new ThreedeyeError("3dEye timed out after 3000 ms (GET /users)"),
    "3dEye timed out after 3000 ms (GET /users)",
  ],
  [
    "any other error gets the generic message",
    new TypeError("fetch failed: secret-token-abc"),
    "3dEye probe failed",
  ],
  ["a non-error rejection gets the generic message", "boom", "3dEye probe failed"],
];

for (const [name, failure, message] of PROBE_FAILURES) {
  Deno.test(`diagnoseThreedeyeUser turns a probe failure into remote.error: ${name}`, async () => {
    const threedeye = demoDirectory();
    threedeye.listFailsWith = failure;
    const report = await diagnose(DEMO_IDS.healthy, demoStore(), threedeye);
    const expected = EXPECTED_REPORTS.healthy;
    assertEquals(report, {
      ...expected,
      mapping: { ...expected.mapping, remoteAccountExists: null },
      remote: {
        configured: true,
        customerId: null,
        customerUserCount: null,
        emailPresentInCustomer: null,
        match: null,
        sampleEmails: [],
        error: message,
      },
    });
    ThreedeyeDiagnosticsSchema.parse(report);
  });
}

const SCANNED = [{ id: "td-1", email: "one@example.com" }];

Deno.test("diagnoseThreedeyeUser asks getUser when the listing is incomplete and lacks the id", async () => {
  const store = fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email: "hidden@example.com" },
      mapping: {
        threedeyeUserId: "td-far",
        hasPassword: true,
        createdAt: "2026-01-01T00:00:00.000Z",
      },
      recovery: null,
    },
  });
  const threedeye = fakeDirectory({
    users: SCANNED,
    complete: false,
    total: 20_000,
    hidden: [{ id: "td-far", email: "hidden@example.com" }],
  });
  const report = await diagnose(DEMO_IDS.healthy, store, threedeye);
  assertEquals(threedeye.getUserCalls, ["td-far"]);
  assertEquals(report.mapping.remoteAccountExists, true);
  assertEquals(report.remote.customerUserCount, 20_000);
  // The email may be beyond the scan: not seen is not absent, and no match can be judged.
  assertEquals(report.remote.emailPresentInCustomer, null);
  assertEquals(report.remote.match, null);
});

Deno.test("diagnoseThreedeyeUser reports a missing account from getUser's null", async () => {
  const store = fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email: "one@example.com" },
      mapping: { threedeyeUserId: "td-gone", hasPassword: true, createdAt: null },
      recovery: null,
    },
  });
  const threedeye = fakeDirectory({ users: SCANNED, complete: false, total: 50 });
  const report = await diagnose(DEMO_IDS.healthy, store, threedeye);
  assertEquals(threedeye.getUserCalls, ["td-gone"]);
  assertEquals(report.mapping.remoteAccountExists, false);
  assertEquals(report.mapping.createdAt, null);
  assertEquals(report.remote.match, false, "the email's account has another id");
});

Deno.test("diagnoseThreedeyeUser skips getUser when the incomplete listing has the id", async () => {
  const store = fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email: "one@example.com" },
      mapping: { threedeyeUserId: "td-1", hasPassword: true, createdAt: null },
      recovery: null,
    },
  });
  const threedeye = fakeDirectory({ users: SCANNED, complete: false, total: 50 });
  const report = await diagnose(DEMO_IDS.healthy, store, threedeye);
  assertEquals(threedeye.getUserCalls, []);
  assertEquals(report.mapping.remoteAccountExists, true);
  assertEquals(report.remote.match, true);
});

Deno.test("diagnoseThreedeyeUser turns a getUser failure into remote.error", async () => {
  const store = fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email: "one@example.com" },
      mapping: { threedeyeUserId: "td-far", hasPassword: true, createdAt: null },
      recovery: null,
    },
  });
  const threedeye = fakeDirectory({ users: SCANNED, complete: false, total: 50 });
  threedeye.getUserFailsWith = new ThreedeyeError("3dEye answered HTTP 500 (GET /users/{id})");
  const report = await diagnose(DEMO_IDS.healthy, store, threedeye);
  assertEquals(report.mapping.remoteAccountExists, null);
  assertEquals(report.remote.error, "3dEye answered HTTP 500 (GET /users/{id})");
  assertEquals(report.remote.emailPresentInCustomer, null);
  assertEquals(report.remote.sampleEmails, []);
  assertEquals(report.user.found, true);
});

Deno.test("diagnoseThreedeyeUser starts the store read and the listing before either resolves", async () => {
  const started: string[] = [];
  let releaseStore!: () => void;
  let releaseListing!: () => void;
  const storeGate = new Promise<void>((r) => (releaseStore = r));
  const listingGate = new Promise<void>((r) => (releaseListing = r));
  const store = demoStore();
  const threedeye = demoDirectory();
  const storeRead = store.readUserSnapshot.bind(store);
  const list = threedeye.listCustomerUsers.bind(threedeye);
  store.readUserSnapshot = async (id) => {
    started.push("store");
    await storeGate;
    return storeRead(id);
  };
  threedeye.listCustomerUsers = async (onPage, probe) => {
    started.push("listing");
    await listingGate;
    return list(onPage, probe);
  };
  const pending = diagnose(DEMO_IDS.healthy, store, threedeye);
  await Promise.resolve();
  assertEquals(started.sort(), ["listing", "store"]);
  releaseListing();
  releaseStore();
  assertEquals(await pending, EXPECTED_REPORTS.healthy);
});

Deno.test("diagnoseThreedeyeUser takes max(store, listing) time, not the sum", async () => {
  const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const store = demoStore();
  const threedeye = demoDirectory();
  store.gate = delay(150);
  threedeye.gate = delay(150);
  const started = performance.now();
  await diagnose(DEMO_IDS.healthy, store, threedeye);
  const elapsed = performance.now() - started;
  assert(elapsed < 280, `took ${elapsed} ms`);
});

Deno.test("diagnoseThreedeyeUser propagates a store failure and aborts the probe", async () => {
  const store = fakeStore();
  store.failWith = databaseDown();
  let probeSignal: AbortSignal | undefined;
  let settle!: () => void;
  const threedeye: ThreedeyeDirectory = {
    customerId: "c",
    probeDeadlineMs: 5000,
    listCustomerUsers: (_onPage, probe) => {
      const signal = probe?.signal;
      probeSignal = signal;
      return new Promise((_, reject) => {
        settle = () => reject(new ThreedeyeError("aborted"));
        signal?.addEventListener("abort", settle);
      });
    },
    getUser: () => Promise.resolve(null),
  };
  await assertRejects(
    () => diagnose(DEMO_IDS.healthy, store, threedeye),
    StoreUnavailableError,
  );
  assertEquals(probeSignal?.aborted, true);
});

Deno.test("diagnoseThreedeyeUser compares emails exactly after trimming", async () => {
  const store = fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email: "  alice@example.com " },
      mapping: null,
      recovery: null,
    },
  });
  const report = await diagnose(DEMO_IDS.healthy, store, demoDirectory());
  assertEquals(report.user.email, "  alice@example.com ", "the stored value is shown as is");
  assertEquals(report.remote.emailPresentInCustomer, true);
  assertEquals(report.remote.match, null, "no mapping, nothing to match");
});

Deno.test("diagnoseThreedeyeUser samples distinct emails, skipping users without one", async () => {
  const store = fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email: "x@b.example" },
      mapping: null,
      recovery: null,
    },
  });
  const threedeye = fakeDirectory({
    users: [
      { id: "1", email: "a@a.example" },
      { id: "2", email: null },
      { id: "3", email: "y@b.example" },
      { id: "4", email: "y@b.example" },
      { id: "5", email: "X@B.example" },
      { id: "6", email: "c@c.example" },
      { id: "7", email: "d@d.example" },
      { id: "8", email: "e@e.example" },
    ],
  });
  const report = await diagnose(DEMO_IDS.healthy, store, threedeye);
  assertEquals(report.remote.sampleEmails, [
    "X@B.example",
    "y@b.example",
    "a@a.example",
    "c@c.example",
    "d@d.example",
  ]);
  assertEquals(report.remote.customerUserCount, 8);
});

Deno.test("the lookup by id keeps the report's deadline, probeDeadlineMs from its start", async () => {
  const store = demoStore();
  // An incomplete listing without the mapped id, so the report needs a lookup by id too.
  const threedeye = fakeDirectory({
    users: [],
    hidden: [{ id: "td-1001", email: null }],
    complete: false,
  });
  const seen: Record<string, ProbeOptions | undefined> = {};
  const list = threedeye.listCustomerUsers.bind(threedeye);
  const getUser = threedeye.getUser.bind(threedeye);
  threedeye.listCustomerUsers = (onPage, probe) => {
    seen.listing = probe;
    return list(onPage, probe);
  };
  threedeye.getUser = (id, probe) => {
    seen.lookup = probe;
    return getUser(id, probe);
  };
  const before = Date.now();
  const report = await diagnose(DEMO_IDS.healthy, store, threedeye);
  const after = Date.now();
  assertEquals(report.mapping.remoteAccountExists, true);
  // The listing this report started has a deadline of its own, from the same moment.
  for (const probe of [seen.listing, seen.lookup]) {
    assert(probe?.deadline !== undefined);
    assert(
      probe.deadline >= before + threedeye.probeDeadlineMs &&
        probe.deadline <= after + threedeye.probeDeadlineMs,
      "measured from the start of the report",
    );
  }
});

/** A customer of `pages` pages of `pageSize` generated users, stating its total. */
function pagedCustomer(pages: number, pageSize: number, statesTotal = true) {
  const users = Array.from({ length: pages * pageSize }, (_, i) => ({
    id: `td-${i + 1}`,
    email: `user${i + 1}@example.com`,
  }));
  return fakeDirectory({ users, pageSize, statesTotal });
}

/** A store holding one user with `email` mapped to `threedeyeUserId` (null: no mapping). */
function oneUser(email: string, threedeyeUserId: string | null) {
  return fakeStore({
    [DEMO_IDS.healthy]: {
      user: { id: DEMO_IDS.healthy, email },
      mapping: threedeyeUserId === null
        ? null
        : { threedeyeUserId, hasPassword: true, createdAt: null },
      recovery: null,
    },
  });
}

Deno.test("early stop: a user found on page 1 is answered after page 1 of 20, the scan stopped", async () => {
  const threedeye = pagedCustomer(20, 10);
  const report = await diagnose(DEMO_IDS.healthy, oneUser("user3@example.com", "td-3"), threedeye);
  assertEquals(report.remote, {
    configured: true,
    customerId: "cust-demo-001",
    customerUserCount: 200,
    emailPresentInCustomer: true,
    match: true,
    sampleEmails: [
      "user3@example.com",
      "user1@example.com",
      "user2@example.com",
      "user4@example.com",
      "user5@example.com",
    ],
    error: null,
  });
  assertEquals(report.mapping.remoteAccountExists, true);
  // Nobody else waits and the listing is not kept (TTL 0): the scan stops with the report.
  await new Promise((resolve) => setTimeout(resolve, 20));
  assertEquals(threedeye.lastListSignal?.aborted, true);
  assert(threedeye.pagesServed < 20, `${threedeye.pagesServed} of 20 pages`);
});

Deno.test("early stop waits for both the email and the mapped id, wherever they are", async () => {
  const threedeye = pagedCustomer(20, 10);
  // The email on page 1, the mapped account on page 7: the email's owner is another account.
  const report = await diagnose(DEMO_IDS.healthy, oneUser("user3@example.com", "td-65"), threedeye);
  assertEquals(report.remote.match, false);
  assertEquals(report.mapping.remoteAccountExists, true);
  assertEquals(report.remote.customerUserCount, 200);
  assert(threedeye.pagesServed >= 7, `answered after ${threedeye.pagesServed} pages`);
  assertEquals(threedeye.getUserCalls, [], "the listing had the id");
});

Deno.test("not seen yet is not absent: a missing email or account waits for the whole listing", async () => {
  const threedeye = pagedCustomer(20, 10);
  const report = await diagnose(DEMO_IDS.healthy, oneUser("nobody@example.com", "td-5"), threedeye);
  assertEquals(threedeye.pagesServed, 20);
  assertEquals(report.remote.emailPresentInCustomer, false, "the complete listing lacks it");
  assertEquals(report.remote.match, null);
  assertEquals(report.mapping.remoteAccountExists, true);
  const gone = pagedCustomer(20, 10);
  const orphan = await diagnose(DEMO_IDS.healthy, oneUser("user3@example.com", "td-999"), gone);
  assertEquals(gone.pagesServed, 20);
  assertEquals(orphan.mapping.remoteAccountExists, false);
  assertEquals(orphan.remote.emailPresentInCustomer, true);
});

Deno.test("no early stop without a stated total: the count needs every page", async () => {
  const threedeye = pagedCustomer(20, 10, false);
  const report = await diagnose(DEMO_IDS.healthy, oneUser("user3@example.com", "td-3"), threedeye);
  assertEquals(threedeye.pagesServed, 20);
  assertEquals(report.remote.customerUserCount, 200);
  assertEquals(report.remote.match, true);
});

Deno.test("a user without email nor mapping needs only the stated total (page 1)", async () => {
  const threedeye = pagedCustomer(20, 10);
  const report = await diagnose(DEMO_IDS.unknown, fakeStore(), threedeye);
  assertEquals(report.remote.customerUserCount, 200);
  assertEquals([report.remote.emailPresentInCustomer, report.mapping.remoteAccountExists], [
    null,
    null,
  ]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert(threedeye.pagesServed < 20, `${threedeye.pagesServed} of 20 pages`);
});

Deno.test("remoteFetchedAt is when the listing started; null without 3dEye or after a failure", async () => {
  const threedeye = demoDirectory();
  const listing = fakeListing(threedeye);
  const before = Date.now();
  const { remoteFetchedAt } = await diagnoseThreedeyeUser(DEMO_IDS.healthy, {
    store: demoStore(),
    threedeye: listing,
  });
  assert(remoteFetchedAt !== null);
  assert(remoteFetchedAt.getTime() >= before && remoteFetchedAt.getTime() <= Date.now());
  threedeye.listFailsWith = new ThreedeyeError("3dEye answered HTTP 500 (GET /users)");
  const failed = await diagnoseThreedeyeUser(DEMO_IDS.healthy, {
    store: demoStore(),
    threedeye: listing,
  });
  assertEquals([failed.remoteFetchedAt, failed.report.remote.error], [
    null,
    "3dEye answered HTTP 500 (GET /users)",
  ]);
  const off = await diagnoseThreedeyeUser(DEMO_IDS.healthy, {
    store: demoStore(),
    threedeye: null,
  });
  assertEquals(off.remoteFetchedAt, null);
});

Deno.test("a fresh report skips the kept listing; a plain one within the TTL reuses it", async () => {
  const threedeye = demoDirectory();
  const listing = fakeListing(threedeye, 60_000);
  const run = (freshListing: boolean) =>
    diagnoseThreedeyeUser(DEMO_IDS.healthy, {
      store: demoStore(),
      threedeye: listing,
      freshListing,
    });
  const first = await run(false);
  const second = await run(false);
  assertEquals(threedeye.listCalls, 1);
  assertEquals(second.remoteFetchedAt, first.remoteFetchedAt);
  assertEquals(second.report, EXPECTED_REPORTS.healthy);
  await new Promise((resolve) => setTimeout(resolve, 2));
  const fresh = await run(true);
  assertEquals(threedeye.listCalls, 2);
  assert(fresh.remoteFetchedAt!.getTime() > first.remoteFetchedAt!.getTime());
  assertEquals((await run(false)).remoteFetchedAt, fresh.remoteFetchedAt, "the fresh one is kept");
});
