// The shim is what makes every doc example and test able to fail: each assertion must pass on a
// true statement and throw an AssertionError on a false one.
import { AssertionError } from "node:assert";
import {
  assert,
  assertEquals,
  assertExists,
  assertGreater,
  assertGreaterOrEqual,
  assertInstanceOf,
  assertLess,
  assertLessOrEqual,
  assertMatch,
  assertNotEquals,
  assertNotMatch,
  assertRejects,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
  fail,
} from "./mod.ts";

/** Runs `fn` and returns what it threw, failing loudly (without this module) when it did not. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the assertion to throw");
}

function throwsAssertionError(fn: () => unknown, messageStart?: string): void {
  const thrown = thrownBy(fn);
  if (!(thrown instanceof AssertionError)) {
    throw new Error(`expected an AssertionError, got ${String(thrown)}`);
  }
  if (messageStart !== undefined && !thrown.message.startsWith(messageStart)) {
    throw new Error(
      `expected a message starting ${JSON.stringify(messageStart)}: ${thrown.message}`,
    );
  }
}

Deno.test("each assertion passes on a true statement", async () => {
  assert(1);
  assertEquals({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
  assertNotEquals({ a: 1 }, { a: 2 });
  const same = {};
  assertStrictEquals(same, same);
  assertExists(0);
  assertStringIncludes("a diagnostics report", "report");
  assertMatch("req_1", /^req_\d+$/);
  assertNotMatch("req_1", /^user_/);
  assertInstanceOf(new TypeError("x"), TypeError);
  assertLess(1, 2);
  assertLessOrEqual(2, 2);
  assertGreater(2, 1);
  assertGreaterOrEqual(2, 2);
  const error = assertThrows(
    () => {
      throw new RangeError("out of range: 7");
    },
    RangeError,
    "range",
  );
  assertEquals(error.message, "out of range: 7");
  const rejection = await assertRejects(() => Promise.reject(new TypeError("bad")), TypeError);
  assertEquals(rejection.message, "bad");
});

Deno.test("each assertion throws an AssertionError on a false statement", async () => {
  throwsAssertionError(() => assert(0));
  throwsAssertionError(() => assert(""));
  throwsAssertionError(() => assertEquals({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }));
  throwsAssertionError(() => assertEquals(1, "1"));
  throwsAssertionError(() => assertNotEquals({ a: 1 }, { a: 1 }));
  throwsAssertionError(() => assertStrictEquals({}, {}));
  throwsAssertionError(() => assertExists(null));
  throwsAssertionError(() => assertExists(undefined));
  throwsAssertionError(() => assertStringIncludes("a report", "findings"));
  throwsAssertionError(() => assertMatch("user_1", /^req_/));
  throwsAssertionError(() => assertNotMatch("req_1", /^req_/));
  throwsAssertionError(() => assertInstanceOf(new Error("x"), TypeError));
  throwsAssertionError(() => assertLess(2, 2));
  throwsAssertionError(() => assertLessOrEqual(3, 2));
  throwsAssertionError(() => assertGreater(2, 2));
  throwsAssertionError(() => assertGreaterOrEqual(1, 2));
  throwsAssertionError(() => fail());
  throwsAssertionError(() => assertThrows(() => {}));
  throwsAssertionError(() =>
    assertThrows(() => {
      throw new Error("x");
    }, TypeError)
  );
  throwsAssertionError(() =>
    assertThrows(
      () => {
        throw new TypeError("x");
      },
      TypeError,
      "y",
    )
  );
  let rejection: unknown;
  try {
    await assertRejects(() => Promise.resolve());
  } catch (e) {
    rejection = e;
  }
  if (!(rejection instanceof AssertionError)) throw new Error("assertRejects did not reject");
});

Deno.test("a failed assertion carries the caller's message", () => {
  throwsAssertionError(() => assert(false, "the key must verify"), "the key must verify");
  throwsAssertionError(() => assertEquals(1, 2, "one is not two"), "one is not two");
  throwsAssertionError(() => fail("unreachable"), "unreachable");
});
