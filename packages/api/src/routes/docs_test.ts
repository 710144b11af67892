import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { buildTestApp } from "../../test/support/test_app.ts";

async function openApiDocument() {
  const res = await buildTestApp().app.request("/openapi.json");
  assertEquals(res.status, 200);
  return await res.json();
}

Deno.test("GET /openapi.json is OpenAPI 3.1 with a relative server, a license and 3 schemes", async () => {
  const doc = await openApiDocument();
  assertEquals(doc.openapi, "3.1.0");
  assertEquals(doc.servers.map((s: { url: string }) => s.url), ["/"]);
  assertEquals(doc.info.license.name, "MIT");
  const schemes = doc.components.securitySchemes;
  assertEquals(Object.keys(schemes).sort(), ["AdminApiKey", "AdminApiKeyAlias", "AdminJwt"]);
  assertEquals(
    [schemes.AdminApiKey.type, schemes.AdminApiKey.in, schemes.AdminApiKey.name],
    ["apiKey", "header", "X-Admin-API-Key"],
  );
  assertEquals(
    [schemes.AdminApiKeyAlias.type, schemes.AdminApiKeyAlias.in, schemes.AdminApiKeyAlias.name],
    ["apiKey", "header", "X-API-Key"],
  );
  assertEquals([schemes.AdminJwt.type, schemes.AdminJwt.scheme, schemes.AdminJwt.bearerFormat], [
    "http",
    "bearer",
    "JWT",
  ]);
});

Deno.test("GET /openapi.json: admin operations need (either key header AND the JWT); probes nothing", async () => {
  const doc = await openApiDocument();
  for (const path of ["/admin/threedeye/users/{userId}", "/admin/turnkey/users/{userId}"]) {
    assertEquals(doc.paths[path].get.security, [
      { AdminApiKey: [], AdminJwt: [] },
      { AdminApiKeyAlias: [], AdminJwt: [] },
    ], path);
  }
  for (const path of ["/healthz", "/readyz"]) {
    assertEquals(doc.paths[path].get.security, [], path);
  }
  assertEquals(doc.security, undefined, "no document-wide default to inherit by accident");
});

const REQUEST_ID = { $ref: "#/components/headers/RequestId" };

Deno.test("GET /openapi.json documents every response with its envelope and headers", async () => {
  const doc = await openApiDocument();
  const expected: Record<string, string[]> = {
    "/admin/threedeye/users/{userId}": ["200", "400", "401", "403", "429", "500", "503"],
    "/admin/turnkey/users/{userId}": [
      "200",
      "400",
      "401",
      "403",
      "404",
      "429",
      "500",
      "502",
      "503",
      "504",
    ],
    "/healthz": ["200", "500"],
    "/readyz": ["200", "500", "503"],
  };
  for (const [path, statuses] of Object.entries(expected)) {
    const responses = doc.paths[path].get.responses;
    assertEquals(Object.keys(responses).sort(), statuses, path);
    for (const status of statuses) {
      const headers = responses[status].headers;
      assertEquals(headers["X-Request-Id"], REQUEST_ID, `${path} ${status} X-Request-Id`);
      const report = path === "/admin/threedeye/users/{userId}" && status === "200";
      assertEquals(
        Object.keys(headers).sort(),
        status === "401"
          ? ["WWW-Authenticate", "X-Request-Id"]
          : status === "429"
          ? ["Retry-After", "X-Request-Id"]
          : report
          ? ["X-Remote-Fetched-At", "X-Request-Id"]
          : ["X-Request-Id"],
        `${path} ${status}`,
      );
      if (status === "200") continue;
      assertEquals(
        responses[status].content["application/json"].schema,
        { $ref: `#/components/schemas/${status === "400" ? "ValidationError" : "ApiError"}` },
        `${path} ${status}`,
      );
    }
  }
  assertEquals(doc.components.headers.RetryAfter.schema.type, "integer");
  const fetchedAt = doc.components.headers.RemoteFetchedAt;
  assertEquals([fetchedAt.required, fetchedAt.schema.format], [false, "date-time"]);
  assertEquals(
    doc.paths["/admin/threedeye/users/{userId}"].get.responses["200"].headers[
      "X-Remote-Fetched-At"
    ],
    { $ref: "#/components/headers/RemoteFetchedAt" },
  );
  assertEquals(
    doc.paths["/admin/threedeye/users/{userId}"].get.responses["200"].content["application/json"]
      .schema,
    { $ref: "#/components/schemas/ThreedeyeDiagnostics" },
  );
});

Deno.test("GET /openapi.json declares 405 on no operation (none gets it for its own method)", async () => {
  const doc = await openApiDocument();
  for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
    for (const [method, op] of Object.entries(item as Record<string, { responses: object }>)) {
      assertEquals(Object.hasOwn(op.responses, "405"), false, `${method} ${path}`);
    }
  }
  assertStringIncludes(doc.info.description, "405 Method Not Allowed");
  assertStringIncludes(doc.info.description, "`Allow`");
});

Deno.test("GET /openapi.json: every error envelope requires requestId; the 400 types its details", async () => {
  const { schemas } = (await openApiDocument()).components;
  assertEquals(schemas.ApiError.required, ["error", "message", "code", "requestId"]);
  assertEquals(schemas.ApiError.additionalProperties, false);
  assertEquals(schemas.ValidationError.required, ["error", "message", "code", "requestId"]);
  assertEquals(schemas.ValidationError.properties.details, {
    $ref: "#/components/schemas/ValidationErrorDetails",
  });
  assertEquals(schemas.ValidationErrorDetails.required, ["target", "issues"]);
  assertEquals(schemas.ValidationErrorDetails.properties.issues.items, {
    $ref: "#/components/schemas/ValidationIssue",
  });
  assertEquals(schemas.ValidationTarget.enum, [
    "param",
    "query",
    "header",
    "cookie",
    "json",
    "form",
  ]);
});

Deno.test("GET /openapi.json names the report's four sections as components", async () => {
  const { schemas } = (await openApiDocument()).components;
  const report = schemas.ThreedeyeDiagnostics.properties;
  assertEquals(
    ["user", "mapping", "recovery", "remote"].map((section) => report[section].$ref),
    [
      "#/components/schemas/DiagnosticsUser",
      "#/components/schemas/DiagnosticsMapping",
      "#/components/schemas/DiagnosticsRecovery",
      "#/components/schemas/DiagnosticsRemote",
    ],
  );
  for (const name of ["DiagnosticsUser", "DiagnosticsMapping", "DiagnosticsRecovery"]) {
    assertEquals(schemas[name].additionalProperties, false, name);
  }
  assertEquals(schemas.DiagnosticsRemote.required.includes("sampleEmails"), true);
});

Deno.test("GET /openapi.json documents the path, query and header parameters", async () => {
  const doc = await openApiDocument();
  type Parameter = { name: string; in: string; required: boolean; schema: { format?: string } };
  const report: Parameter[] = doc.paths["/admin/threedeye/users/{userId}"].get.parameters;
  const userId = report.find((p) => p.name === "userId")!;
  assertEquals([userId.name, userId.in, userId.required, userId.schema.format], [
    "userId",
    "path",
    true,
    "uuid",
  ]);
  const cacheControl = report.find((p) => p.name === "Cache-Control")!;
  assertEquals([cacheControl.in, cacheControl.required], ["header", false]);
  assertEquals(report.length, 2);
  const names = doc.paths["/admin/turnkey/users/{userId}"].get.parameters.map(
    (p: { name: string; in: string }) => `${p.in}:${p.name}`,
  );
  assertEquals(names.sort(), ["path:userId", "query:organizationId"]);
});

Deno.test("GET /docs renders the document offline: no external scripts, styles or fonts", async () => {
  const res = await buildTestApp().app.request("/docs");
  assertEquals(res.status, 200);
  assertStringIncludes(res.headers.get("content-type") ?? "", "text/html");
  assertStringIncludes(res.headers.get("content-security-policy") ?? "", "default-src 'none'");
  const html = await res.text();
  for (
    const text of [
      "/admin/threedeye/users/{userId}",
      "/admin/turnkey/users/{userId}",
      "AdminApiKey + AdminJwt",
      "AdminApiKeyAlias + AdminJwt",
      "X-API-Key",
      "X-Admin-API-Key",
      "ThreedeyeDiagnostics",
    ]
  ) {
    assertStringIncludes(html, text);
  }
  assert(!/<script/i.test(html), "no script at all");
  assert(!/(src|href)="https?:/i.test(html), "nothing loaded from elsewhere");
});

Deno.test("the OpenAPI document is built on the first GET /openapi.json or /docs, once, not with the app", async () => {
  for (const [first, second] of [["/openapi.json", "/docs"], ["/docs", "/openapi.json"]]) {
    const { app } = buildTestApp();
    const build = app.getOpenAPI31Document;
    let builds = 0;
    app.getOpenAPI31Document = (...args) => (builds++, build(...args));
    for (const path of ["/healthz", "/admin/threedeye/users/not-a-uuid", "/admin"]) {
      await (await app.request(path)).body?.cancel();
    }
    assertEquals(builds, 0, "serving other routes builds no document");
    for (const path of [first, second, first]) {
      const res = await app.request(path);
      assertEquals(res.status, 200, path);
      await res.body?.cancel();
    }
    assertEquals(builds, 1, `${first} then ${second}`);
  }
});
