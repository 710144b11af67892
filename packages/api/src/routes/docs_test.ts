import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { buildTestApp } from "../../test/support/test_app.ts";

async function openApiDocument() {
  const res = await buildTestApp().app.request("/openapi.json");
  assertEquals(res.status, 200);
  return await res.json();
}

Deno.test("GET /openapi.json is OpenAPI 3.1 declaring both security schemes", async () => {
  const doc = await openApiDocument();
  assertEquals(doc.openapi, "3.1.0");
  assertEquals(doc.components.securitySchemes, {
    AdminApiKey: {
      type: "apiKey",
      in: "header",
      name: "X-Admin-API-Key",
      description:
        "Admin API key (the alias header X-API-Key is accepted too). Required together with the JWT.",
    },
    AdminJwt: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description:
        "Admin JWT whose `email` is at an admin domain. Required together with the API key.",
    },
  });
});

Deno.test("GET /openapi.json requires the key AND the JWT on both admin operations", async () => {
  const doc = await openApiDocument();
  for (const path of ["/admin/threedeye/users/{userId}", "/admin/turnkey/users/{userId}"]) {
    assertEquals(doc.paths[path].get.security, [{ AdminApiKey: [], AdminJwt: [] }], path);
  }
  assertEquals(doc.paths["/healthz"].get.security, undefined);
});

Deno.test("GET /openapi.json documents every error response with the ApiError envelope", async () => {
  const doc = await openApiDocument();
  const expected: Record<string, string[]> = {
    "/admin/threedeye/users/{userId}": ["200", "400", "401", "403", "405", "429", "500", "503"],
    "/admin/turnkey/users/{userId}": [
      "200",
      "400",
      "401",
      "403",
      "404",
      "405",
      "429",
      "500",
      "502",
      "503",
      "504",
    ],
    "/readyz": ["200", "500", "503"],
  };
  for (const [path, statuses] of Object.entries(expected)) {
    const responses = doc.paths[path].get.responses;
    assertEquals(Object.keys(responses).sort(), statuses, path);
    for (const status of statuses.filter((s) => s !== "200")) {
      assertEquals(
        responses[status].content["application/json"].schema,
        { $ref: "#/components/schemas/ApiError" },
        `${path} ${status}`,
      );
    }
  }
  assertEquals(doc.components.schemas.ApiError.required, ["error", "message", "code"]);
  assertEquals(
    doc.paths["/admin/threedeye/users/{userId}"].get.responses["200"].content["application/json"]
      .schema,
    { $ref: "#/components/schemas/ThreedeyeDiagnostics" },
  );
});

Deno.test("GET /openapi.json documents the path and query parameters", async () => {
  const doc = await openApiDocument();
  const [userId] = doc.paths["/admin/threedeye/users/{userId}"].get.parameters;
  assertEquals([userId.name, userId.in, userId.required, userId.schema.format], [
    "userId",
    "path",
    true,
    "uuid",
  ]);
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
