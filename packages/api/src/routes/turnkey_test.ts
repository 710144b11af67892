import { assert, assertEquals } from "@std/assert";
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

const apiError = (status: number, grpcCode?: number, turnkeyErrorCode?: string) =>
  new TurnkeyApiError({
    status,
    grpcCode,
    message: "internal detail org-secret-xyz",
    turnkeyErrorCode,
  });

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
    assertEquals(JSON.stringify(logs).includes("org-secret-xyz"), false, "nor in the logs");
    assertEquals(logs.find((l) => l.msg === "audit")?.outcome, outcome);
  });
}

Deno.test("GET /admin/turnkey/users/:id answers 502 when the answer does not match the schema", async () => {
  const { client } = clientAnswering(() => Promise.resolve({ user: { userId: 42 } }));
  const { res, body } = await lookup(client);
  assertEquals(res.status, 502);
  assertEquals(body.message, "Turnkey answered with an unexpected response.");
});

// Real-shaped Turnkey error bodies through the real client. Turnkey's swagger requires none of
// code, message and details, and its SDK allows details: null; whatever they carry, Turnkey's own
// text never reaches our answer.
const REAL_CLIENT_ERRORS: {
  name: string;
  upstream: [number, unknown];
  status: number;
  message: string;
  /** Fields of the "request failed" log line (logged for 5xx answers only; see failure_log.ts). */
  logged?: Record<string, unknown>;
}[] = [
  {
    name: "NOT_FOUND with details[]",
    upstream: [404, {
      code: 5,
      message: "user not found: org-secret-xyz",
      details: [{ turnkeyErrorCode: "USER_NOT_FOUND" }],
    }],
    status: 404,
    message: "Turnkey has no such user in the organization.",
  },
  {
    name: "NOT_FOUND with details: null",
    upstream: [404, { code: 5, message: "user not found: org-secret-xyz", details: null }],
    status: 404,
    message: "Turnkey has no such user in the organization.",
  },
  {
    name: "gRPC NOT_FOUND over HTTP 400, no details",
    upstream: [400, { code: 5, message: "no user org-secret-xyz" }],
    status: 404,
    message: "Turnkey has no such user in the organization.",
  },
  {
    name: "UNAUTHENTICATED with details: null",
    upstream: [401, { code: 16, message: "public key org-secret-xyz not found", details: null }],
    status: 502,
    message: "Turnkey rejected the server's API key.",
    logged: { error: "TurnkeyApiError", upstreamStatus: 401, grpcCode: 16, turnkeyErrorCode: null },
  },
  {
    name: "UNAUTHENTICATED with a turnkeyErrorCode",
    upstream: [401, {
      code: 16,
      message: "org-secret-xyz",
      details: [{ turnkeyErrorCode: "PUBLIC_KEY_NOT_FOUND" }],
    }],
    status: 502,
    message: "Turnkey rejected the server's API key.",
    logged: {
      error: "TurnkeyApiError",
      upstreamStatus: 401,
      grpcCode: 16,
      turnkeyErrorCode: "PUBLIC_KEY_NOT_FOUND",
    },
  },
  {
    name: "an error code that is really text",
    upstream: [500, { code: 13, details: [{ turnkeyErrorCode: "org-secret-xyz" }] }],
    status: 502,
    message: "The Turnkey request failed.",
    logged: { error: "TurnkeyApiError", upstreamStatus: 500, grpcCode: 13, turnkeyErrorCode: null },
  },
  {
    name: "an empty error body on HTTP 403",
    upstream: [403, {}],
    status: 502,
    message: "Turnkey rejected the server's API key.",
    logged: {
      error: "TurnkeyApiError",
      upstreamStatus: 403,
      grpcCode: null,
      turnkeyErrorCode: null,
    },
  },
  {
    name: "an error body that is not an object",
    upstream: [404, ["org-secret-xyz"]],
    status: 502,
    message: "Turnkey answered with an unexpected response.",
    logged: { error: "TurnkeyResponseError", upstreamStatus: 404 },
  },
];

for (
  const { name, upstream: [upstreamStatus, upstreamBody], status, message, logged }
    of REAL_CLIENT_ERRORS
) {
  Deno.test(`GET /admin/turnkey/users/:id answers ${status} through the real client for ${name}`, async () => {
    const client = createTurnkeyClient({
      stamper: {
        stamp: () => Promise.resolve({ stampHeaderName: "X-Stamp", stampHeaderValue: "t" }),
      },
      fetch: () => Promise.resolve(Response.json(upstreamBody, { status: upstreamStatus })),
      maxRetries: 0,
    });
    const { res, body, logs } = await lookup(client);
    assertEquals(res.status, status);
    assertEquals(body.message, message);
    assertEquals(JSON.stringify(body).includes("org-secret-xyz"), false);
    assertEquals(JSON.stringify(logs).includes("org-secret-xyz"), false, "nor in the logs");
    const failed = logs.find((l) => l.msg === "request failed");
    if (logged === undefined) assertEquals(failed, undefined);
    else {
      assertEquals(failed?.detail, undefined, "no text of Turnkey's in the line");
      for (const [field, value] of Object.entries(logged)) {
        assertEquals(failed?.[field], value, field);
      }
    }
  });
}

Deno.test("GET /openapi.json documents the Turnkey user with typed MFA policies and credential sessionProfileId", async () => {
  const { app } = buildTestApp({});
  const schemas = (await (await app.request("/openapi.json")).json()).components.schemas;
  const ok = schemas.TurnkeyGetUserResponse.properties.user.$ref;
  assertEquals(ok, "#/components/schemas/TurnkeyUser");
  const user = schemas.TurnkeyUser;
  assertEquals(user.properties.mfaPolicies.items.$ref, "#/components/schemas/TurnkeyMfaPolicy");
  assertEquals(user.required.includes("mfaPolicies"), false, "older Turnkey answers omit it");
  assertEquals(Object.keys(schemas.TurnkeyMfaPolicy.properties), [
    "mfaPolicyId",
    "mfaPolicyName",
    "condition",
    "requiredAuthenticationMethods",
    "order",
    "notes",
    "createdAt",
    "updatedAt",
  ]);
  assertEquals(schemas.TurnkeyMfaPolicy.properties.order.type, "integer");
  assertEquals(
    schemas.TurnkeyRequiredAuthenticationMethod.properties.any.items.$ref,
    "#/components/schemas/TurnkeyAuthenticationMethod",
  );
  assertEquals(schemas.TurnkeyAuthenticationMethod.required, ["type"]);
  assertEquals(schemas.TurnkeyCredential.properties.sessionProfileId.type, "string");
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

Deno.test("a Turnkey failure is logged by status and codes, never by Turnkey's text", async () => {
  const email = "ada.lovelace@example.com";
  const turnkeyAnswer = {
    code: 9,
    message: `user ${email} is locked out: contact ${email}`,
    details: [{ turnkeyErrorCode: "USER_LOCKED", note: email }],
  };
  const client = createTurnkeyClient({
    stamper: {
      stamp: () => Promise.resolve({ stampHeaderName: "X-Stamp", stampHeaderValue: "t" }),
    },
    fetch: () => Promise.resolve(Response.json(turnkeyAnswer, { status: 400 })),
  });
  const { res, body, logs } = await lookup(client);
  assertEquals(res.status, 502);
  assertEquals(body.message, "The Turnkey request failed.");
  const failed = logs.find((l) => l.msg === "request failed");
  assertEquals(failed, {
    level: "warn",
    msg: "request failed",
    requestId: res.headers.get("x-request-id"),
    status: 502,
    error: "TurnkeyApiError",
    upstreamStatus: 400,
    grpcCode: 9,
    turnkeyErrorCode: "USER_LOCKED",
  });
  for (const line of logs) {
    assertEquals(JSON.stringify(line).includes(email), false, JSON.stringify(line));
    assertEquals(JSON.stringify(line).includes("locked out"), false);
  }
  assertEquals(JSON.stringify(body).includes(email), false);
});

for (
  const [name, failure] of [
    ["an unusable answer", new TurnkeyResponseError("content-type ada@example.com", 200)],
    ["a network failure", new TypeError("dns error for ada@example.com")],
    ["an odd turnkeyErrorCode", apiError(500, 13, "ada@example.com")],
  ] as const
) {
  Deno.test(`Turnkey text stays out of the log for ${name}`, async () => {
    const { client } = clientAnswering(() => Promise.reject(failure));
    const { res, logs } = await lookup(client);
    assertEquals(res.status, 502);
    assert(logs.some((l) => l.msg === "request failed"));
    assertEquals(JSON.stringify(logs).includes("ada@example.com"), false);
  });
}

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
