import { assertEquals } from "@std/assert";
import type { SqlStatement } from "../domain.ts";
import { countRoundTrips } from "./round_trips.ts";

Deno.test("countRoundTrips counts batch calls, not statements, and passes results through", async () => {
  const received: Array<ReadonlyArray<SqlStatement>> = [];
  const counter = countRoundTrips({
    batch(statements) {
      received.push(statements);
      return Promise.resolve(statements.map((s) => [{ sql: s.sql }]));
    },
  });
  const statements = [{ sql: "A", params: [] }, { sql: "B", params: [1] }];
  assertEquals(await counter.executor.batch(statements), [[{ sql: "A" }], [{ sql: "B" }]]);
  await counter.executor.batch([{ sql: "C", params: [] }]);
  assertEquals(counter.count(), 2);
  assertEquals(received[0], statements);
  counter.reset();
  assertEquals(counter.count(), 0);
});
