/**
 * The subset of `jsr:@std/assert` this repository uses, implemented over Deno's built-in
 * `node:assert/strict`, because JSR is not reachable from the build machines. It is a workspace
 * member named `@std/assert`, so every member imports it by that name. Swapping to the real
 * package: drop `./packages/std-assert` from the root `deno.json` workspace and add the import
 * `"@std/assert": "jsr:@std/assert@^1"` there.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** Asserts that `actual` is truthy. */
export function assert(actual: unknown, msg?: string): asserts actual {
  nodeAssert.ok(actual, msg);
}

/** Asserts deep (structural, strict) equality. */
export function assertEquals<T>(actual: unknown, expected: T, msg?: string): asserts actual is T {
  nodeAssert.deepStrictEqual(actual, expected, msg);
}

/** Asserts deep inequality. */
export function assertNotEquals(actual: unknown, expected: unknown, msg?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, msg);
}

/** Asserts `Object.is` identity. */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): asserts actual is T {
  nodeAssert.strictEqual(actual, expected, msg);
}

/** Asserts that `actual` is neither `null` nor `undefined`. */
export function assertExists<T>(actual: T, msg?: string): asserts actual is NonNullable<T> {
  if (actual === null || actual === undefined) {
    throw new nodeAssert.AssertionError({ message: msg ?? `Expected a value, got ${actual}` });
  }
}

/** Asserts that `actual` contains `expected` as a substring. */
export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  if (!actual.includes(expected)) {
    throw new nodeAssert.AssertionError({
      message: msg ?? `Expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`,
    });
  }
}

/** Asserts that `actual` matches `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  nodeAssert.match(actual, expected, msg);
}

/** Asserts that `actual` does not match `expected`. */
export function assertNotMatch(actual: string, expected: RegExp, msg?: string): void {
  nodeAssert.doesNotMatch(actual, expected, msg);
}

/** Asserts that `actual` is an instance of `expectedType`. */
export function assertInstanceOf<T extends abstract new (...args: never[]) => unknown>(
  actual: unknown,
  expectedType: T,
  msg?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof expectedType)) {
    throw new nodeAssert.AssertionError({
      message: msg ?? `Expected an instance of ${expectedType.name}`,
    });
  }
}

/** Asserts `actual < expected`-style numeric comparisons. */
export function assertLess(actual: number, expected: number, msg?: string): void {
  if (!(actual < expected)) {
    throw new nodeAssert.AssertionError({ message: msg ?? `Expected ${actual} < ${expected}` });
  }
}

/** Asserts `actual <= expected`. */
export function assertLessOrEqual(actual: number, expected: number, msg?: string): void {
  if (!(actual <= expected)) {
    throw new nodeAssert.AssertionError({ message: msg ?? `Expected ${actual} <= ${expected}` });
  }
}

/** Asserts `actual > expected`. */
export function assertGreater(actual: number, expected: number, msg?: string): void {
  if (!(actual > expected)) {
    throw new nodeAssert.AssertionError({ message: msg ?? `Expected ${actual} > ${expected}` });
  }
}

/** Asserts `actual >= expected`. */
export function assertGreaterOrEqual(actual: number, expected: number, msg?: string): void {
  if (!(actual >= expected)) {
    throw new nodeAssert.AssertionError({ message: msg ?? `Expected ${actual} >= ${expected}` });
  }
}

/** Fails unconditionally. */
export function fail(msg?: string): never {
  throw new nodeAssert.AssertionError({ message: msg ?? "Failed assertion" });
}

/**
 * Asserts that `fn` throws; optionally checks the error class and that the message includes
 * `msgIncludes`. Returns the error.
 */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  ErrorClass?: abstract new (...args: never[]) => E,
  msgIncludes?: string,
  msg?: string,
): E {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  return checkError(thrown, ErrorClass, msgIncludes, msg) as E;
}

/** Async twin of {@linkcode assertThrows}. */
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  ErrorClass?: abstract new (...args: never[]) => E,
  msgIncludes?: string,
  msg?: string,
): Promise<E> {
  let thrown: unknown;
  try {
    await fn();
  } catch (e) {
    thrown = e;
  }
  return checkError(thrown, ErrorClass, msgIncludes, msg) as E;
}

function checkError(
  thrown: unknown,
  ErrorClass: (abstract new (...args: never[]) => unknown) | undefined,
  msgIncludes: string | undefined,
  msg: string | undefined,
): unknown {
  if (thrown === undefined) {
    throw new nodeAssert.AssertionError({ message: msg ?? "Expected function to throw" });
  }
  if (ErrorClass && !(thrown instanceof ErrorClass)) {
    throw new nodeAssert.AssertionError({
      message: msg ??
        `Expected error to be instance of ${ErrorClass.name}, got ${
          (thrown as Error)?.constructor?.name
        }: ${(thrown as Error)?.message}`,
    });
  }
  if (msgIncludes !== undefined && !String((thrown as Error)?.message).includes(msgIncludes)) {
    throw new nodeAssert.AssertionError({
      message: msg ??
        `Expected error message to include ${JSON.stringify(msgIncludes)}, got ${
          JSON.stringify((thrown as Error)?.message)
        }`,
    });
  }
  return thrown;
}
