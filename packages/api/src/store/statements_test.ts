import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  MAX_USER_SEARCH_LIMIT,
  PING,
  SELECT_MAPPING,
  SELECT_RECOVERY,
  SELECT_USER,
  usersByEmailStatement,
  userSnapshotStatements,
} from "./statements.ts";

const SEARCH = usersByEmailStatement("alice@example.com", 20);

Deno.test("no statement selects the password column itself", () => {
  for (const sql of [SELECT_USER, SELECT_MAPPING, SELECT_RECOVERY, PING, SEARCH.sql]) {
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
  for (const { sql, params } of [...statements, SEARCH]) {
    assertEquals(sql.split("?").length - 1, params.length);
    assert(!/[:$@]\w|\?\d/.test(sql), sql);
  }
});

Deno.test("the search asks for one row beyond the limit, written into the SQL as an integer", () => {
  assertEquals(SEARCH.params, ["alice@example.com"]);
  assert(SEARCH.sql.endsWith(" LIMIT 21"), SEARCH.sql);
  assertStringIncludes(usersByEmailStatement("a@example.com", 1).sql, " LIMIT 2");
  assertStringIncludes(
    usersByEmailStatement("a@example.com", MAX_USER_SEARCH_LIMIT).sql,
    ` LIMIT ${MAX_USER_SEARCH_LIMIT + 1}`,
  );
  for (const limit of [0, -1, 1.5, Number.NaN, MAX_USER_SEARCH_LIMIT + 1]) {
    assertThrows(() => usersByEmailStatement("a@example.com", limit), RangeError, "limit");
  }
});
