import { assert, assertEquals } from "@std/assert";
import { PING, SELECT_MAPPING, SELECT_RECOVERY, SELECT_USER } from "./statements.ts";
import { userSnapshotStatements } from "./statements.ts";

Deno.test("no statement selects the password column itself", () => {
  for (const sql of [SELECT_USER, SELECT_MAPPING, SELECT_RECOVERY, PING]) {
    // The only mention allowed is inside the has_password expression.
    const withoutCheck = sql.replace(
      "(password IS NOT NULL AND password <> '') AS has_password",
      "",
    );
    assert(!/password/i.test(withoutCheck), sql);
    assert(!/\*/.test(sql), `no SELECT * (it would carry the password): ${sql}`);
  }
});

Deno.test("statements use positional ? parameters only (portable to D1)", () => {
  const statements = userSnapshotStatements("u-1");
  assertEquals(statements.map((s) => s.params), [["u-1"], ["u-1"], ["u-1"]]);
  for (const { sql, params } of statements) {
    assertEquals(sql.split("?").length - 1, params.length);
    assert(!/[:$@]\w|\?\d/.test(sql), sql);
  }
});
