import { assert, assertEquals, assertRejects } from "@std/assert";
import { ThreedeyeDiagnosticsSchema } from "@spkey/contracts";
import { diagnoseThreedeyeUser } from "./diagnose.ts";
import {
  type ProbeOptions,
  StoreUnavailableError,
  type ThreedeyeDirectory,
  ThreedeyeError,
} from "./ports.ts";
import {
  DEMO_IDS,
  type DemoState,
  EXPECTED_REPORTS,
  expectedWithoutThreedeye,
} from "../test/conformance/demo_expectations.ts";
import { demoDirectory, demoStore } from "../test/support/demo_fixture.ts";
import { databaseDown, fakeDirectory, fakeStore } from "../test/support/fakes.ts";

for (const state of Object.keys(DEMO_IDS) as DemoState[]) {
  Deno.test(`diagnoseThreedeyeUser reports the ${state} demo user per the spec`, async () => {
    const threedeye = demoDirectory();
    const report = await diagnoseThreedeyeUser(DEMO_IDS[state], { store: demoStore(), threedeye });
    assertEquals(report, EXPECTED_REPORTS[state]);
    ThreedeyeDiagnosticsSchema.parse(report);
    assertEquals(threedeye.listCalls, 1);
    assertEquals(threedeye.getUserCalls, [], "a complete listing needs no lookups by id");
  });

  Deno.test(`diagnoseThreedeyeUser reports ${state} with remote.configured false without 3dEye`, async () => {
    const report = await diagnoseThreedeyeUser(DEMO_IDS[state], {
      store: demoStore(),
      threedeye: null,
    });
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
    const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store: demoStore(), threedeye });
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
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
  assertEquals(threedeye.getUserCalls, ["td-far"]);
  assertEquals(report.mapping.remoteAccountExists, true);
  assertEquals(report.remote.customerUserCount, 20_000);
  // The email is beyond the scan: not seen, so no match can be judged.
  assertEquals(report.remote.emailPresentInCustomer, false);
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
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
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
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
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
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
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
  threedeye.listCustomerUsers = async (probe) => {
    started.push("listing");
    await listingGate;
    return list(probe);
  };
  const pending = diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
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
  await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
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
    listCustomerUsers: (probe) => {
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
    () => diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye }),
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
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, {
    store,
    threedeye: demoDirectory(),
  });
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
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
  assertEquals(report.remote.sampleEmails, [
    "X@B.example",
    "y@b.example",
    "a@a.example",
    "c@c.example",
    "d@d.example",
  ]);
  assertEquals(report.remote.customerUserCount, 8);
});

Deno.test("the listing and the lookup by id share one deadline, probeDeadlineMs from the start", async () => {
  const store = demoStore();
  // An incomplete listing without the mapped id, so the report needs a lookup by id too.
  const threedeye = fakeDirectory({
    users: [],
    hidden: [{ id: "td-1001", email: null }],
    complete: false,
  });
  const seen: (ProbeOptions | undefined)[] = [];
  const list = threedeye.listCustomerUsers.bind(threedeye);
  const getUser = threedeye.getUser.bind(threedeye);
  threedeye.listCustomerUsers = (probe) => {
    seen.push(probe);
    return list(probe);
  };
  threedeye.getUser = (id, probe) => {
    seen.push(probe);
    return getUser(id, probe);
  };
  const before = Date.now();
  const report = await diagnoseThreedeyeUser(DEMO_IDS.healthy, { store, threedeye });
  const after = Date.now();
  assertEquals(report.mapping.remoteAccountExists, true);
  assertEquals(seen.length, 2);
  const [listing, lookup] = seen;
  assertEquals(lookup?.deadline, listing?.deadline, "one deadline for the whole probe");
  assert(listing?.deadline !== undefined);
  assert(
    listing.deadline >= before + threedeye.probeDeadlineMs &&
      listing.deadline <= after + threedeye.probeDeadlineMs,
    "measured from the start of the report",
  );
});
