import { assertEquals, assertInstanceOf, assertRejects, assertStrictEquals } from "@std/assert";
import { StoreUnavailableError } from "../domain.ts";
import {
  createD1BindingExecutor,
  type D1Database,
  type D1PreparedStatement,
  type D1Result,
  type D1Value,
} from "./d1_binding_executor.ts";

interface FakeStatement extends D1PreparedStatement {
  sql: string;
  values: D1Value[];
}

/** A D1 binding that records every call and answers from `answer`. */
function fakeD1(answer: (stmts: FakeStatement[]) => Promise<D1Result[]> | D1Result[]) {
  const calls = { prepare: [] as string[], batch: [] as FakeStatement[][] };
  const db: D1Database = {
    prepare(sql: string) {
      calls.prepare.push(sql);
      const stmt: FakeStatement = {
        sql,
        values: [],
        bind(...values: D1Value[]) {
          return { ...stmt, values };
        },
      };
      return stmt;
    },
    async batch(stmts) {
      calls.batch.push(stmts as FakeStatement[]);
      return await answer(stmts as FakeStatement[]);
    },
  };
  return { db, calls };
}

const threeReads = [
  { sql: "SELECT id, email FROM b2c_users WHERE id = ?", params: ["u-1"] },
  { sql: "SELECT threedeye_user_id FROM threedeye_users WHERE user_id = ?", params: ["u-1"] },
  {
    sql: "SELECT role_ids FROM threedeye_recovery WHERE user_id = ? AND 1 = ?",
    params: ["u-1", 1],
  },
];

Deno.test("createD1BindingExecutor sends all statements as exactly one D1 batch", async () => {
  const { db, calls } = fakeD1((stmts) => stmts.map((s) => ({ results: [{ sql: s.sql }] })));
  await createD1BindingExecutor(db).batch(threeReads);
  assertEquals(calls.batch.length, 1);
  assertEquals(calls.prepare, threeReads.map((s) => s.sql));
  assertEquals(calls.batch[0].map((s) => s.values), [["u-1"], ["u-1"], ["u-1", 1]]);
});

Deno.test("createD1BindingExecutor answers one row array per statement, in order", async () => {
  const { db } = fakeD1((stmts) =>
    stmts.map((s, i) => ({ success: true, results: i === 1 ? [] : [{ n: i, p: s.values[0] }] }))
  );
  const rows = await createD1BindingExecutor(db).batch(threeReads);
  assertEquals(rows, [[{ n: 0, p: "u-1" }], [], [{ n: 2, p: "u-1" }]]);
});

Deno.test("createD1BindingExecutor answers an empty batch without calling D1", async () => {
  const { db, calls } = fakeD1(() => []);
  assertEquals(await createD1BindingExecutor(db).batch([]), []);
  assertEquals(calls.batch.length, 0);
});

Deno.test("createD1BindingExecutor treats a statement without results as no rows", async () => {
  const { db } = fakeD1((stmts) => stmts.map(() => ({ success: true })));
  assertEquals(await createD1BindingExecutor(db).batch(threeReads.slice(0, 1)), [[]]);
});

const failures: Array<
  [string, (stmts: FakeStatement[]) => Promise<D1Result[]> | D1Result[], string]
> = [
  [
    "D1 rejects the batch",
    () => Promise.reject(new Error("D1_ERROR: Network connection lost.")),
    "Reading from D1 failed",
  ],
  [
    "D1 rejects the batch for a missing table",
    () => Promise.reject(new Error("D1_ERROR: no such table: b2c_users: SQLITE_ERROR")),
    "Reading from D1 failed: the schema is missing (are the migrations applied?)",
  ],
  [
    "D1 rejects the batch for a missing column",
    () => Promise.reject(new Error("D1_ERROR: no such column: password: SQLITE_ERROR")),
    "Reading from D1 failed: the schema is missing (are the migrations applied?)",
  ],
  [
    "D1 answers fewer results than statements",
    () => [{ results: [] }],
    "Reading from D1 failed: the batch answered an unexpected shape",
  ],
  [
    "D1 answers a statement as unsuccessful",
    (stmts) => stmts.map(() => ({ success: false, results: [] })),
    "Reading from D1 failed: a statement did not succeed",
  ],
  [
    "D1 answers results that are not an array",
    (stmts) => stmts.map(() => ({ results: "rows" as unknown as unknown[] })),
    "Reading from D1 failed: the batch answered an unexpected shape",
  ],
];

for (const [when, answer, message] of failures) {
  Deno.test(`createD1BindingExecutor rejects with StoreUnavailableError when ${when}`, async () => {
    const { db } = fakeD1(answer);
    const error = await assertRejects(
      () => createD1BindingExecutor(db).batch(threeReads),
      StoreUnavailableError,
    );
    assertStrictEquals(error.message, message);
  });
}

Deno.test("createD1BindingExecutor keeps D1's own message out of the error but in its cause", async () => {
  const d1Error = new Error("D1_ERROR: no such table: threedeye_users: SQLITE_ERROR");
  const { db } = fakeD1(() => Promise.reject(d1Error));
  const error = await assertRejects(
    () => createD1BindingExecutor(db).batch(threeReads),
    StoreUnavailableError,
  );
  assertEquals(error.message.includes("threedeye_users"), false);
  assertStrictEquals(error.cause, d1Error);
});

Deno.test("createD1BindingExecutor maps a throwing prepare to StoreUnavailableError", async () => {
  const db: D1Database = {
    prepare() {
      throw new TypeError("D1 binding is closed");
    },
    batch: () => Promise.resolve([]),
  };
  const error = await assertRejects(() => createD1BindingExecutor(db).batch(threeReads));
  assertInstanceOf(error, StoreUnavailableError);
});
