import { assertEquals, assertRejects } from "@std/assert";
import { DEMO_USERS, recordingTracer, startD1HttpStandin } from "@spkey/testkit";
import { StoreUnavailableError } from "../domain.ts";
import { createTestDatabase } from "./_test_database.ts";
import { createD1HttpExecutor } from "./d1_http_executor.ts";
import { createDiagnosticsStore } from "./diagnostics_store.ts";
import { traceDiagnosticsStore } from "./traced_store.ts";

const TOKEN = "d1-token-that-must-never-appear-0123456789";

Deno.test("each read is a database span with the D1 HTTP call nested under it, and no parameter", async () => {
  const db = createTestDatabase();
  const standin = startD1HttpStandin({
    databasePath: db.path,
    accountId: "acc",
    databaseId: "db",
    apiToken: TOKEN,
  });
  const tracer = recordingTracer();
  try {
    const executor = createD1HttpExecutor({
      accountId: "acc",
      databaseId: "db",
      apiToken: TOKEN,
      baseUrl: standin.apiBase,
      tracer,
    });
    const store = traceDiagnosticsStore(createDiagnosticsStore(executor), tracer, "cloudflare_d1");
    await store.readUserSnapshot(DEMO_USERS.withRecovery);
    await store.findUsersByEmail("Grace@Example.com", 20);
    const reads = tracer.childrenOf(null);
    assertEquals(reads.map((s) => [s.name, s.attributes, s.failed]), [
      ["database readUserSnapshot", {
        "db.system.name": "cloudflare_d1",
        "db.operation.name": "readUserSnapshot",
        "db.operation.batch.size": 3,
        "db.response.returned_rows": 3,
      }, undefined],
      ["database findUsersByEmail", {
        "db.system.name": "cloudflare_d1",
        "db.operation.name": "findUsersByEmail",
        "db.operation.batch.size": 1,
        "db.response.returned_rows": 1,
      }, undefined],
    ]);
    for (const read of reads) {
      const [query] = tracer.childrenOf(read);
      assertEquals([query.name, query.attributes["http.response.status_code"]], ["D1 query", 200]);
    }
    const recorded = JSON.stringify(tracer.spans.map((s) => [s.name, s.attributes])).toLowerCase();
    for (const hidden of [TOKEN, "grace@example.com", DEMO_USERS.withRecovery, "acc", "select"]) {
      assertEquals(recorded.includes(hidden.toLowerCase()), false, hidden);
    }
  } finally {
    await standin.close();
    db.remove();
  }
});

Deno.test("a failed read is a failed span naming the error class, and the error passes through", async () => {
  const tracer = recordingTracer();
  const failing = () => Promise.reject(new StoreUnavailableError("D1 said: secret detail"));
  const store = traceDiagnosticsStore(
    { readUserSnapshot: failing, findUsersByEmail: failing, ping: failing },
    tracer,
    "sqlite",
  );
  await assertRejects(() => store.ping(), StoreUnavailableError, "secret detail");
  assertEquals(tracer.spans.map((s) => [s.name, s.failed, s.ended]), [
    ["database ping", "StoreUnavailableError", true],
  ]);
  assertEquals(JSON.stringify(tracer.spans[0].attributes).includes("secret"), false);
});
