import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  DEMO_CUSTOMER_ID,
  DEMO_USERS,
  demoDatabase,
  demoThreedeyeUsers,
  generateThreedeyeUsers,
} from "./demo_data.ts";

const mappingOf = (userId: string) =>
  demoDatabase.threedeye_users.find((m) => m.user_id === userId);
const emailOf = (userId: string) => demoDatabase.b2c_users.find((u) => u.id === userId)?.email;
const remoteById = (id: string) => demoThreedeyeUsers.find((u) => u.id === id);
const remoteByEmail = (email: string) => demoThreedeyeUsers.find((u) => u.email === email);

Deno.test("the demo customer has the ten users of the spec, in listing order", () => {
  assertEquals(DEMO_CUSTOMER_ID, "cust-demo-001");
  assertEquals(demoThreedeyeUsers.map((u) => u.id), [
    "td-1001",
    "td-1003",
    "td-2005",
    "td-1006",
    "td-1007",
    "td-9001",
    "td-9002",
    "td-9003",
    "td-9004",
    "td-9005",
  ]);
  assertEquals(
    demoThreedeyeUsers.slice(5).map((u) => u.email),
    [1, 2, 3, 4, 5].map((n) => `installer${n}@example.net`),
  );
});

Deno.test("each demo user is in the state its name promises", () => {
  const {
    healthy,
    noMapping,
    noPassword,
    accountGone,
    orphanedRemote,
    caseMismatch,
    withRecovery,
    sharedEmail,
    unknown,
  } = DEMO_USERS;
  // healthy: mapped id and email both live in the customer, password set.
  assertEquals(mappingOf(healthy)?.threedeye_user_id, "td-1001");
  assertEquals(remoteById("td-1001")?.email, emailOf(healthy));
  assert(mappingOf(healthy)?.password);
  // noMapping: a user row, no mapping, not in the customer.
  assertEquals(mappingOf(noMapping), undefined);
  assertEquals(remoteByEmail("bob@example.com"), undefined);
  // noPassword
  assertEquals(mappingOf(noPassword)?.password, null);
  assertEquals(remoteById("td-1003")?.email, "carol@example.com");
  // accountGone: neither the id nor the email exist remotely.
  assertEquals(mappingOf(accountGone)?.threedeye_user_id, "td-1004");
  assertEquals(remoteById("td-1004"), undefined);
  assertEquals(remoteByEmail("dave@example.com"), undefined);
  // orphanedRemote: the email lives under another id.
  assertEquals(mappingOf(orphanedRemote)?.threedeye_user_id, "td-1005");
  assertEquals(remoteById("td-1005"), undefined);
  assertEquals(remoteByEmail("erin@example.com")?.id, "td-2005");
  // caseMismatch: same id, email differs only in case.
  assertEquals(remoteById("td-1006")?.email, "Frank@Example.com");
  assertEquals(emailOf(caseMismatch), "frank@example.com");
  // withRecovery
  assertEquals(
    demoDatabase.threedeye_recovery.map((r) => [r.user_id, JSON.parse(r.role_ids)]),
    [[withRecovery, ["role-owner", "role-viewer"]]],
  );
  // sharedEmail: alice's address in other letter case, signed up later, never provisioned.
  assertEquals(emailOf(sharedEmail), "Alice@Example.com");
  assertEquals(emailOf(sharedEmail)?.toLowerCase(), emailOf(healthy));
  assertEquals(mappingOf(sharedEmail), undefined);
  assert(
    demoDatabase.b2c_users.find((u) => u.id === sharedEmail)!.created_at >
      demoDatabase.b2c_users.find((u) => u.id === healthy)!.created_at,
  );
  // unknown: no rows anywhere.
  const all = JSON.stringify(demoDatabase);
  assert(!all.includes(unknown));
});

Deno.test("mapping timestamps are the spec's values and every mapping has a user row", () => {
  assertEquals(
    Object.fromEntries(
      demoDatabase.threedeye_users.map((m) => [m.threedeye_user_id, m.created_at]),
    ),
    {
      "td-1001": "2026-01-05T10:00:00.000Z",
      "td-1003": "2026-02-10T08:30:00.000Z",
      "td-1004": "2026-03-01T12:00:00.000Z",
      "td-1005": "2026-03-15T09:00:00.000Z",
      "td-1006": "2026-04-01T07:45:00.000Z",
      "td-1007": "2026-05-20T16:20:00.000Z",
    },
  );
  for (const mapping of demoDatabase.threedeye_users) {
    assert(emailOf(mapping.user_id), mapping.user_id);
  }
  assertEquals(demoDatabase.b2c_users.length, 8);
});

Deno.test("generateThreedeyeUsers makes distinct users and rejects a bad count", () => {
  const users = generateThreedeyeUsers(10_000);
  assertEquals(new Set(users.map((u) => u.id)).size, 10_000);
  assertEquals(users[9_999], {
    ...users[9_999],
    id: "td-gen-10000",
    email: "user10000@bulk.example.org",
  });
  assertEquals(generateThreedeyeUsers(0), []);
  assertThrows(() => generateThreedeyeUsers(-1), RangeError);
});

Deno.test("one email is shared by two users in different letter case (several search matches)", () => {
  const byEmail = Object.groupBy(demoDatabase.b2c_users, (u) => u.email?.toLowerCase() ?? "");
  const shared = Object.entries(byEmail).filter(([, users]) => (users?.length ?? 0) > 1);
  assertEquals(
    shared.map(([email, users]) => [email, users!.map((u) => u.email)]),
    [["alice@example.com", ["alice@example.com", "Alice@Example.com"]]],
  );
});
