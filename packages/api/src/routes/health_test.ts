import { assertEquals } from "@std/assert";
import { buildTestApp } from "../../test/support/test_app.ts";
import { databaseDown, fakeStore } from "../../test/support/fakes.ts";
import type { DiagnosticsStore } from "../domain.ts";

Deno.test("GET /healthz answers ok without credentials", async () => {
  const res = await buildTestApp().app.request("/healthz");
  assertEquals(res.status, 200);
  assertEquals(await res.json(), { status: "ok" });
});

Deno.test("GET /readyz answers ok when the database answers", async () => {
  const res = await buildTestApp().app.request("/readyz");
  assertEquals(res.status, 200);
  assertEquals(await res.json(), { status: "ok" });
});

Deno.test("GET /readyz answers 503 when the database fails", async () => {
  const store = fakeStore();
  store.failWith = databaseDown();
  const res = await buildTestApp({ store }).app.request("/readyz");
  assertEquals(res.status, 503);
  const body = await res.json();
  assertEquals(body.message, "The database is not reachable.");
  assertEquals(JSON.stringify(body).includes("connection refused"), false);
});

Deno.test("GET /readyz answers 503 when the database hangs past the readiness timeout", async () => {
  const hanging: DiagnosticsStore = {
    readUserSnapshot: () => new Promise(() => {}),
    findUsersByEmail: () => new Promise(() => {}),
    ping: () => new Promise(() => {}),
  };
  // A hanging ping would otherwise hold the probe forever; the route gives up after 3 s.
  const started = performance.now();
  const res = await buildTestApp({ store: hanging }).app.request("/readyz");
  assertEquals(res.status, 503);
  assertEquals(Math.round((performance.now() - started) / 1000), 3);
  await res.body?.cancel();
});
