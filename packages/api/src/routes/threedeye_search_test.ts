import { assert, assertEquals, assertMatch } from "@std/assert";
import { ThreedeyeUserSearchSchema } from "@spkey/contracts";
import { DEMO_USERS } from "../../test/support/demo_fixture.ts";
import { databaseDown, fakeStore } from "../../test/support/fakes.ts";
import { ADMIN_CLAIMS, adminHeaders, buildTestApp } from "../../test/support/test_app.ts";
import type { UserCandidateRecord } from "../domain.ts";
import { USER_SEARCH_LIMIT } from "./threedeye_search.ts";

const search = (email: string) => `/admin/threedeye/users?email=${encodeURIComponent(email)}`;

const ALICE = {
  userId: DEMO_USERS.healthy,
  email: "alice@example.com",
  createdAt: "2026-01-05T09:58:00.000Z",
  hasThreedeyeMapping: true,
};
const ALICE_AGAIN = {
  userId: DEMO_USERS.sharedEmail,
  email: "Alice@Example.com",
  createdAt: "2026-06-02T10:00:00.000Z",
  hasThreedeyeMapping: false,
};

/** The audit lines among `logs`. */
const auditLines = (logs: Record<string, unknown>[]) => logs.filter((line) => line.msg === "audit");

Deno.test("GET /admin/threedeye/users?email= answers every user with the address, any ASCII case", async () => {
  const { app, store } = buildTestApp();
  const res = await app.request(search("ALICE@example.COM"), { headers: await adminHeaders() });
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("cache-control"), "no-store");
  const body = await res.json();
  assertEquals(body, {
    email: "ALICE@example.COM",
    candidates: [ALICE, ALICE_AGAIN],
    limit: USER_SEARCH_LIMIT,
    truncated: false,
  });
  ThreedeyeUserSearchSchema.parse(body);
  assertEquals((store as ReturnType<typeof fakeStore>).searches, [["ALICE@example.COM", 20]]);
});

Deno.test("GET /admin/threedeye/users?email= trims the address before searching", async () => {
  const { app } = buildTestApp();
  const res = await app.request(search("  frank@example.com\t"), { headers: await adminHeaders() });
  const body = await res.json();
  assertEquals([res.status, body.email, body.candidates.length], [200, "frank@example.com", 1]);
  assertEquals(body.candidates[0].userId, DEMO_USERS.caseMismatch);
});

Deno.test("GET /admin/threedeye/users?email= answers 200 with an empty list when nobody matches", async () => {
  const { app, logs } = buildTestApp();
  const res = await app.request(search("nobody@example.com"), { headers: await adminHeaders() });
  assertEquals(res.status, 200);
  assertEquals(await res.json(), {
    email: "nobody@example.com",
    candidates: [],
    limit: 20,
    truncated: false,
  });
  const [line] = auditLines(logs);
  assertEquals([line.outcome, line.matches, line.userIds], ["not_found", 0, []]);
});

Deno.test("GET /admin/threedeye/users?email= lists at most 20 and says when more matched", async () => {
  const users: UserCandidateRecord[] = Array.from({ length: 25 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    email: i % 2 === 0 ? "shared@example.com" : "SHARED@example.com",
    createdAt: `2026-01-${String(i + 1).padStart(2, "0")}T00:00:00.000Z`,
    hasThreedeyeMapping: i % 3 === 0,
  }));
  const { app, logs } = buildTestApp({ store: fakeStore({}, users) });
  const res = await app.request(search("shared@example.com"), { headers: await adminHeaders() });
  const body = ThreedeyeUserSearchSchema.parse(await res.json());
  assertEquals(body.truncated, true);
  assertEquals(body.candidates.map((c) => c.userId), users.slice(0, 20).map((u) => u.id));
  const [line] = auditLines(logs);
  assertEquals([line.outcome, line.matches, line.truncated], ["found", 20, true]);

  const exactly: UserCandidateRecord[] = users.slice(0, 20);
  const full = buildTestApp({ store: fakeStore({}, exactly) }).app;
  const fullBody = await (await full.request(search("shared@example.com"), {
    headers: await adminHeaders(),
  })).json();
  assertEquals([fullBody.candidates.length, fullBody.truncated], [20, false]);
});

Deno.test("each search writes ONE audit line with the admin and the matches, never the email", async () => {
  const { app, logs } = buildTestApp();
  const headers = await adminHeaders();
  const emails = ["alice@example.com", "Frank@Example.com", "nobody@example.org"];
  for (const email of emails) {
    const res = await app.request(search(email), { headers });
    await res.body?.cancel();
  }
  const lines = auditLines(logs);
  assertEquals(lines.map(({ requestId: _, ...line }) => line), [
    {
      level: "info",
      msg: "audit",
      action: "threedeye.search",
      outcome: "found",
      matches: 2,
      truncated: false,
      userIds: [DEMO_USERS.healthy, DEMO_USERS.sharedEmail],
      admin: ADMIN_CLAIMS.sub,
    },
    {
      level: "info",
      msg: "audit",
      action: "threedeye.search",
      outcome: "found",
      matches: 1,
      truncated: false,
      userIds: [DEMO_USERS.caseMismatch],
      admin: ADMIN_CLAIMS.sub,
    },
    {
      level: "info",
      msg: "audit",
      action: "threedeye.search",
      outcome: "not_found",
      matches: 0,
      truncated: false,
      userIds: [],
      admin: ADMIN_CLAIMS.sub,
    },
  ]);
  for (const line of lines) assertMatch(String(line.requestId), /^req_/);
  // Neither the searched addresses nor the stored ones they found, in any letter case.
  const everything = JSON.stringify(logs).toLowerCase();
  for (const email of [...emails, "alice@example.com"]) {
    assert(!everything.includes(email.toLowerCase()), `${email} leaked into the logs`);
    assert(!everything.includes(encodeURIComponent(email).toLowerCase()), email);
  }
  // The request line names the route pattern, not the query string.
  const request = logs.find((line) => line.msg === "request");
  assertEquals(request?.route, "/admin/threedeye/users");
});

const BAD_QUERIES: Array<[string, string, string]> = [
  ["no email parameter", "/admin/threedeye/users", "is required (the email address to search for)"],
  ["an empty email", search(""), "must be an email address (local@domain)"],
  ["an address without @", search("alice.example.com"), "must be an email address (local@domain)"],
  ["two @", search("a@b@example.com"), "must be an email address (local@domain)"],
  ["an oversized address", search(`${"a".repeat(60)}@${"b".repeat(200)}.com`), "must be at most"],
  [
    "the parameter given twice",
    "/admin/threedeye/users?email=a%40example.com&email=b%40example.com",
    "must be given once",
  ],
];

for (const [name, path, message] of BAD_QUERIES) {
  Deno.test(`GET /admin/threedeye/users answers 400 for ${name}, without searching`, async () => {
    const { app, store, logs } = buildTestApp();
    const res = await app.request(path, { headers: await adminHeaders() });
    assertEquals(res.status, 400);
    const body = await res.json();
    assertEquals(body.error, "Bad Request");
    assert(
      body.message.startsWith(`Invalid query parameter email: ${message}`),
      body.message,
    );
    assertEquals(body.details.target, "query");
    assertEquals(body.requestId, res.headers.get("x-request-id"));
    assertEquals((store as ReturnType<typeof fakeStore>).searches, []);
    assertEquals(auditLines(logs), []);
  });
}

Deno.test("GET /admin/threedeye/users sits behind dual auth: 401 without either half, 403 for a non-admin", async () => {
  const { app, store, logs } = buildTestApp();
  const { "X-Admin-API-Key": key, Authorization } = await adminHeaders();
  const forbidden = await adminHeaders({ email: "someone@example.com" });
  const answers: Array<[Record<string, string>, number]> = [
    [{}, 401],
    [{ "X-Admin-API-Key": key }, 401],
    [{ Authorization }, 401],
    [forbidden, 403],
  ];
  for (const [headers, status] of answers) {
    const res = await app.request(search("alice@example.com"), { headers });
    assertEquals(res.status, status);
    const body = await res.json();
    assertEquals(JSON.stringify(body).includes("alice"), false);
  }
  assertEquals((store as ReturnType<typeof fakeStore>).searches, []);
  assertEquals(auditLines(logs), []);
});

Deno.test("GET /admin/threedeye/users answers 503 when the database fails, audited as an error", async () => {
  const store = fakeStore();
  store.failWith = databaseDown();
  const { app, logs } = buildTestApp({ store });
  const res = await app.request(search("alice@example.com"), { headers: await adminHeaders() });
  assertEquals(res.status, 503);
  const body = await res.json();
  assertEquals(body.message, "The database is unavailable. Try again later.");
  assertEquals(JSON.stringify(body).includes("connection refused"), false);
  const [line] = auditLines(logs);
  assertEquals([line.action, line.outcome, line.matches], ["threedeye.search", "error", null]);
});

Deno.test("GET /admin/threedeye/users: other methods are 405, HEAD answers without a body", async () => {
  const { app } = buildTestApp();
  const headers = await adminHeaders();
  const post = await app.request(search("alice@example.com"), { method: "POST", headers });
  assertEquals([post.status, post.headers.get("allow")], [405, "GET, HEAD"]);
  await post.body?.cancel();
  const head = await app.request(search("alice@example.com"), { method: "HEAD", headers });
  assertEquals([head.status, await head.text()], [200, ""]);
});

Deno.test("the OpenAPI document describes the search with its query, schema and errors", async () => {
  const { app } = buildTestApp();
  const doc = await (await app.request("/openapi.json")).json();
  const operation = doc.paths["/admin/threedeye/users"].get;
  assertEquals(operation.operationId, "searchThreedeyeUsersByEmail");
  assertEquals(operation.security, [
    { AdminApiKey: [], AdminJwt: [] },
    { AdminApiKeyAlias: [], AdminJwt: [] },
  ]);
  const [parameter] = operation.parameters;
  assertEquals([parameter.name, parameter.in, parameter.required], ["email", "query", true]);
  assertEquals(parameter.schema.maxLength, 254);
  assertEquals(Object.keys(operation.responses).sort(), [
    "200",
    "400",
    "401",
    "403",
    "429",
    "500",
    "503",
  ]);
  assertEquals(
    operation.responses["200"].content["application/json"].schema,
    { $ref: "#/components/schemas/ThreedeyeUserSearch" },
  );
  const schema = doc.components.schemas.ThreedeyeUserSearch;
  assertEquals(schema.required.sort(), ["candidates", "email", "limit", "truncated"]);
  assertEquals(doc.components.schemas.UserSearchCandidate.required.sort(), [
    "createdAt",
    "email",
    "hasThreedeyeMapping",
    "userId",
  ]);
  // The email pattern is copied as plain text (no "/u" regex-literal suffix).
  const pattern = new RegExp(parameter.schema.pattern);
  assert(pattern.test("alice@example.com") && !pattern.test("alice"));
});
