import { assertEquals, assertThrows } from "@std/assert";
import * as core from "zod/v4/core";
import * as replacement from "./compile.ts";

Deno.test("the left-out compiler throws, naming the failed action and why", () => {
  for (const call of [replacement.compile, replacement.withParser, replacement.compileFn]) {
    assertThrows(() => call({}), Error, replacement.COMPILE_OMITTED);
  }
});

Deno.test("the replacement keeps every export of the installed zod's compile.js", async () => {
  // The module the alias replaces, read beside zod's core index (its package exports hide it).
  const compileJs = new URL("./compile.js", import.meta.resolve("zod/v4/core"));
  const source = await Deno.readTextFile(compileJs);
  const exported = [...source.matchAll(/^export (?:const|class|function) (\w+)/gm)].map((m) =>
    m[1]
  );
  const own = Object.keys(replacement).filter((name) => name !== "COMPILE_OMITTED");
  assertEquals(own.sort(), exported.sort());
  assertEquals(replacement.INVALID, core.INVALID);
  for (const name of own) {
    assertEquals(
      typeof replacement[name as keyof typeof replacement],
      typeof core[name as keyof typeof core],
      name,
    );
  }
  assertEquals(new replacement.ZodCompileAsyncError().name, "ZodCompileAsyncError");
  assertEquals(new replacement.ZodCompileUnsupportedError().name, "ZodCompileUnsupportedError");
});
