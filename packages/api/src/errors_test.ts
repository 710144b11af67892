import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { ApiErrorResponseSchema, ValidationErrorResponseSchema } from "@spkey/contracts";
import { HTTPException } from "hono/http-exception";
import { ApiException, INTERNAL_ERROR_MESSAGE, reasonPhrase, toApiException } from "./errors.ts";
import { adminHeaders, buildTestApp, TEST_ADMIN_KEY, testEnv } from "../test/support/test_app.ts";
import { databaseDown, fakeStore } from "../test/support/fakes.ts";

const HEALTHY = "/admin/threedeye/users/11111111-1111-4111-8111-111111111111";

Deno.test("ApiException renders the envelope with its headers", async () => {
  const res = new ApiException(429, "Slow down.", { headers: { "Retry-After": "7" } })
    .getResponse("req_abc");
  assertEquals(res.status, 429);
  assertEquals(res.headers.get("retry-after"), "7");
  assertEquals(res.headers.get("content-type"), "application/json");
  assertEquals(await res.json(), {
    error: "Too Many Requests",
    message: "Slow down.",
    code: 429,
    requestId: "req_abc",
  });
});

Deno.test("toApiException hides unknown errors behind a generic 500", () => {
  const exception = toApiException(new Error("db password=hunter2 at line 3"));
  assertEquals(exception.status, 500);
  assertEquals(exception.message, INTERNAL_ERROR_MESSAGE);
  assertEquals(
    toApiException(new HTTPException(415, { message: "Unsupported Media Type" })).status,
    415,
  );
  assertEquals(toApiException(new HTTPException(502, { message: "upstream said x" })).status, 500);
  assertEquals(reasonPhrase(418), "Bad Request");
  assertEquals(reasonPhrase(599), "Internal Server Error");
});

type Scenario = {
  status: number;
  error: string;
  message: string;
  request: () => Promise<Response>;
  header?: [string, RegExp];
};

function scenarios(): Scenario[] {
  return [
    {
      status: 400,
      error: "Bad Request",
      message: "Invalid path parameter userId: must be a UUID",
      request: async () =>
        buildTestApp().app.request("/admin/threedeye/users/nope", {
          headers: await adminHeaders(),
        }),
    },
    {
      status: 401,
      error: "Unauthorized",
      message: "Authentication required. Please provide a valid admin API key and bearer token.",
      request: () => Promise.resolve(buildTestApp().app.request(HEALTHY)),
      header: ["www-authenticate", /^Bearer/],
    },
    {
      status: 403,
      error: "Forbidden",
      message: "The token does not belong to an admin.",
      request: async () =>
        buildTestApp().app.request(HEALTHY, {
          headers: await adminHeaders({ email: "ops@example.com" }),
        }),
    },
    {
      status: 404,
      error: "Not Found",
      message: "No route matches this path.",
      request: () => Promise.resolve(buildTestApp().app.request("/no/such/route")),
    },
    {
      status: 405,
      error: "Method Not Allowed",
      message: "This method is not allowed on this path.",
      request: async () =>
        buildTestApp().app.request(HEALTHY, { method: "POST", headers: await adminHeaders() }),
      header: ["allow", /^GET, HEAD$/],
    },
    {
      status: 429,
      error: "Too Many Requests",
      message: "Too many failed authentication attempts. Try again later.",
      request: async () => {
        const { app } = buildTestApp({ env: testEnv({ ADMIN_AUTH_FAILURE_LIMIT: "1" }) });
        await app.request(HEALTHY, {
          headers: { "X-Admin-API-Key": "wrong-admin-key-0123456789" },
        });
        return app.request(HEALTHY, { headers: await adminHeaders() });
      },
      header: ["retry-after", /^\d+$/],
    },
    {
      status: 500,
      error: "Internal Server Error",
      message: INTERNAL_ERROR_MESSAGE,
      request: () =>
        Promise.resolve(
          buildTestApp({
            assets: { widgetJs: () => Promise.reject(new Error("disk failed at /secret/path")) },
          }).app.request("/widget.js"),
        ),
    },
    {
      status: 503,
      error: "Service Unavailable",
      message: "The database is unavailable. Try again later.",
      request: async () => {
        const store = fakeStore();
        store.failWith = databaseDown();
        return buildTestApp({ store }).app.request(HEALTHY, { headers: await adminHeaders() });
      },
    },
  ];
}

for (const scenario of scenarios()) {
  Deno.test(`a ${scenario.status} answers the error envelope with the request id`, async () => {
    const res = await scenario.request();
    assertEquals(res.status, scenario.status);
    assertStringIncludes(res.headers.get("content-type") ?? "", "application/json");
    const body = await res.json();
    // The strict schema the OpenAPI document declares for this status: requestId required, no
    // field beyond the envelope's (typed `details` on the 400 only).
    (scenario.status === 400 ? ValidationErrorResponseSchema : ApiErrorResponseSchema).parse(body);
    const { details: _, ...rest } = body;
    assertEquals(rest, {
      error: scenario.error,
      message: scenario.message,
      code: scenario.status,
      requestId: res.headers.get("x-request-id"),
    });
    if (scenario.header) {
      const [name, pattern] = scenario.header;
      assert(pattern.test(res.headers.get(name) ?? ""), `${name}: ${res.headers.get(name)}`);
    }
    assert(!JSON.stringify(body).includes("secret"), "no internals in the body");
    assert(!JSON.stringify(body).includes(TEST_ADMIN_KEY));
  });
}

Deno.test("ApiException keeps details on a 400 only, the one status that documents them", async () => {
  const details = { target: "query" as const, issues: [{ path: "a", message: "b" }] };
  const withDetails = await new ApiException(400, "Bad.", { details }).getResponse("req_1").json();
  assertEquals(ValidationErrorResponseSchema.parse(withDetails).details, details);
  const elsewhere = await new ApiException(503, "Down.", { details }).getResponse("req_1").json();
  assertEquals(ApiErrorResponseSchema.parse(elsewhere), {
    error: "Service Unavailable",
    message: "Down.",
    code: 503,
    requestId: "req_1",
  });
});

Deno.test("ApiException outside the app's middleware still sends a requestId", async () => {
  const body = await new ApiException(500, "Not configured.").getResponse().json();
  assert(ApiErrorResponseSchema.parse(body).requestId.startsWith("req_"));
});

Deno.test("a 400 lists every issue in details without echoing the input", async () => {
  const { app } = buildTestApp();
  const res = await app.request("/admin/turnkey/users/bad%20id?organizationId=also%20bad", {
    headers: await adminHeaders(),
  });
  assertEquals(res.status, 400);
  const body = ValidationErrorResponseSchema.parse(await res.json());
  assert(body.details !== undefined);
  assertEquals(body.details.target === "param" || body.details.target === "query", true);
  assertEquals(body.details.issues.length, 1);
  assert(!JSON.stringify(body).includes("bad id"));
  assert(!JSON.stringify(body).includes("also bad"));
});

Deno.test("a 500 is logged with its request id and the cause's class, never rendered", async () => {
  // An error of unknown origin may quote anything (a JSON.parse error quotes the body it read):
  // its class name is logged, its message is not.
  const { app, logs } = buildTestApp({
    assets: { widgetJs: () => Promise.reject(new RangeError("boom ada@example.com")) },
  });
  const res = await app.request("/widget.js");
  const requestId = res.headers.get("x-request-id");
  const line = logs.find((l) => l.msg === "request failed");
  assertEquals(line, {
    level: "error",
    msg: "request failed",
    requestId,
    status: 500,
    error: "RangeError",
  });
  assert(!(await res.text()).includes("RangeError"));
});
