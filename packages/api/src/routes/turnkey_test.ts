import { assertEquals } from "@std/assert";
import {
  createTurnkeyClient,
  TurnkeyApiError,
  type TurnkeyClient,
  TurnkeyResponseError,
  TurnkeyTimeoutError,
} from "@spkey/contracts/turnkey";
import type { TurnkeyGetUserRequest } from "@spkey/contracts";
import { adminHeaders, buildTestApp } from "../../test/support/test_app.ts";
import { parseConfig } from "../config.ts";
import { ConfigError } from "../config_parse.ts";
import { createServices } from "../services.ts";
import { KEY_PAIR_MISMATCH } from "../turnkey_stamper.ts";

const AT = { seconds: "1767225600", nanos: "0" };
const USER = {
  userId: "8a5b3a9c-6f5e-4f0a-9a39-0d7e6a1f2b3c",
  userName: "Ada",
  userEmail: "ada@example.com",
  authenticators: [],
  apiKeys: [],
  userTags: [],
  oauthProviders: [],
  createdAt: AT,
  updatedAt: AT,
  futureField: { kept: true },
};

function clientAnswering(answer: () => Promise<unknown>) {
  const requests: TurnkeyGetUserRequest[] = [];
  const client: TurnkeyClient = {
    getUser(request) {
      requests.push(request);
      return answer() as ReturnType<TurnkeyClient["getUser"]>;
    },
  };
  return { client, requests };
}

async function lookup(
  client: TurnkeyClient,
  path = `/admin/turnkey/users/${USER.userId}`,
  organizationId: string | null = "org-default",
) {
  const { app, logs } = buildTestApp({ turnkey: { client, organizationId } });
  const res = await app.request(path, { headers: await adminHeaders() });
  return { res, body: await res.json(), logs };
}

Deno.test("GET /admin/turnkey/users/:id answers the user through the default organization", async () => {
  const { client, requests } = clientAnswering(() => Promise.resolve({ user: USER }));
  const { res, body, logs } = await lookup(client);
  assertEquals(res.status, 200);
  assertEquals(body, { user: USER }, "unknown fields pass through");
  assertEquals(requests, [{ organizationId: "org-default", userId: USER.userId }]);
  const audit = logs.find((l) => l.msg === "audit");
  assertEquals(audit?.action, "turnkey.lookup");
  assertEquals(audit?.outcome, "found");
  assertEquals(audit?.admin, "admin-7f3a");
});

Deno.test("GET /admin/turnkey/users/:id prefers the organizationId query", async () => {
  const { client, requests } = clientAnswering(() => Promise.resolve({ user: USER }));
  const { res } = await lookup(client, `/admin/turnkey/users/${USER.userId}?organizationId=org-2`);
  assertEquals(res.status, 200);
  assertEquals(requests[0].organizationId, "org-2");
});

Deno.test("GET /admin/turnkey/users/:id answers 400 without any organization", async () => {
  const { client, requests } = clientAnswering(() => Promise.resolve({ user: USER }));
  const { res, body } = await lookup(client, `/admin/turnkey/users/${USER.userId}`, null);
  assertEquals(res.status, 400);
  assertEquals(
    body.message,
    "organizationId is required: this server has no default Turnkey organization.",
  );
  assertEquals(requests, []);
});

Deno.test("GET /admin/turnkey/users/:id answers 503 when Turnkey is not configured", async () => {
  const { app } = buildTestApp({ turnkey: null });
  const res = await app.request(`/admin/turnkey/users/${USER.userId}`, {
    headers: await adminHeaders(),
  });
  assertEquals(res.status, 503);
  assertEquals((await res.json()).message, "Turnkey is not configured on this server.");
});

const apiError = (status: number, grpcCode?: number) =>
  new TurnkeyApiError({ status, grpcCode, message: "internal detail org-secret-xyz" });

const FAILURES: Array<[string, unknown, number, string, string]> = [
  ["HTTP 404", apiError(404), 404, "Turnkey has no such user in the organization.", "not_found"],
  [
    "gRPC NOT_FOUND",
    apiError(400, 5),
    404,
    "Turnkey has no such user in the organization.",
    "not_found",
  ],
  ["HTTP 401", apiError(401), 502, "Turnkey rejected the server's API key.", "upstream_rejected"],
  ["HTTP 403", apiError(403), 502, "Turnkey rejected the server's API key.", "upstream_rejected"],
  [
    "gRPC UNAUTHENTICATED",
    apiError(400, 16),
    502,
    "Turnkey rejected the server's API key.",
    "upstream_rejected",
  ],
  [
    "gRPC PERMISSION_DENIED",
    apiError(400, 7),
    502,
    "Turnkey rejected the server's API key.",
    "upstream_rejected",
  ],
  [
    "another Turnkey error",
    apiError(500, 13),
    502,
    "The Turnkey request failed.",
    "upstream_error",
  ],
  [
    "a garbage answer",
    new TurnkeyResponseError("Turnkey answered a body that is not JSON", 200),
    502,
    "Turnkey answered with an unexpected response.",
    "upstream_invalid",
  ],
  ["a timeout", new TurnkeyTimeoutError(3000), 504, "Turnkey did not answer in time.", "timeout"],
  [
    "a key pair that fails its curve check",
    new ConfigError(KEY_PAIR_MISMATCH),
    500,
    "The service is not configured correctly.",
    "misconfigured",
  ],
  [
    "a network failure",
    new TypeError("fetch failed"),
    502,
    "The Turnkey request failed.",
    "upstream_error",
  ],
];

for (const [name, failure, status, message, outcome] of FAILURES) {
  Deno.test(`GET /admin/turnkey/users/:id answers ${status} for ${name}`, async () => {
    const { client } = clientAnswering(() => Promise.reject(failure));
    const { res, body, logs } = await lookup(client);
    assertEquals(res.status, status);
    assertEquals(body.message, message);
    assertEquals(JSON.stringify(body).includes("org-secret-xyz"), false);
    assertEquals(logs.find((l) => l.msg === "audit")?.outcome, outcome);
  });
}

Deno.test("GET /admin/turnkey/users/:id answers 502 when the answer does not match the schema", async () => {
  const { client } = clientAnswering(() => Promise.resolve({ user: { userId: 42 } }));
  const { res, body } = await lookup(client);
  assertEquals(res.status, 502);
  assertEquals(body.message, "Turnkey answered with an unexpected response.");
});

Deno.test("GET /admin/turnkey/users/:id maps the real client's not-found answer to 404", async () => {
  const client = createTurnkeyClient({
    stamper: {
      stamp: () => Promise.resolve({ stampHeaderName: "X-Stamp", stampHeaderValue: "t" }),
    },
    fetch: () =>
      Promise.resolve(Response.json({
        code: 5,
        message: "user not found",
        details: [{ turnkeyErrorCode: "USER_NOT_FOUND" }],
      }, { status: 404 })),
  });
  const { res } = await lookup(client);
  assertEquals(res.status, 404);
});

Deno.test("GET /admin/turnkey/users/:id validates the ids", async () => {
  const { client, requests } = clientAnswering(() => Promise.resolve({ user: USER }));
  for (
    const path of [
      "/admin/turnkey/users/has%20space",
      "/admin/turnkey/users/-leading-dash",
      `/admin/turnkey/users/${"a".repeat(129)}`,
      `/admin/turnkey/users/${USER.userId}?organizationId=%3Cscript%3E`,
      `/admin/turnkey/users/${USER.userId}?organizationId=`,
    ]
  ) {
    const { res } = await lookup(client, path);
    assertEquals(res.status, 400, path);
  }
  assertEquals(requests, []);
});

Deno.test("GET /admin/turnkey/users/:id answers 500 and logs the settings' names when the server's key pair does not match", async () => {
  const privateKey = "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c";
  const config = parseConfig({
    ADMIN_API_KEYS: "admin-key-0123456789abcdef",
    JWT_SECRET: "jwt-secret-0123456789abcdefghijklmnopqr",
    TURNKEY_API_PUBLIC_KEY: "0327a50032e6f0631d5605b6ada32b779074f346e81b68e12801640f1c9ee03dae",
    TURNKEY_API_PRIVATE_KEY: privateKey,
    TURNKEY_ORGANIZATION_ID: "org-1",
  });
  let sent = 0;
  const { turnkey } = createServices(config, {
    executor: { batch: () => Promise.resolve([]) },
    fetch: () => (sent++, Promise.resolve(Response.json({ user: USER }))),
  });
  const { app, logs } = buildTestApp({ turnkey });
  const res = await app.request(`/admin/turnkey/users/${USER.userId}`, {
    headers: await adminHeaders(),
  });
  const body = await res.json();
  assertEquals(res.status, 500);
  assertEquals(body.message, "The service is not configured correctly.");
  assertEquals(sent, 0);
  const failure = logs.find((l) => l.msg === "request failed");
  assertEquals(failure?.level, "error");
  assertEquals(failure?.detail, KEY_PAIR_MISMATCH);
  assertEquals(JSON.stringify([body, logs]).includes(privateKey), false);
});
