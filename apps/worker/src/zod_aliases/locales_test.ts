import { assertEquals, assertStrictEquals } from "@std/assert";
import { z } from "zod";
import * as trimmed from "./locales.ts";

Deno.test("the trimmed locales namespace holds exactly zod's own English locale", () => {
  assertEquals(Object.keys(trimmed), ["en"]);
  assertStrictEquals(trimmed.en, z.locales.en);
});

Deno.test("zod's English locale words a type mismatch as the Worker's 400s show it", () => {
  const issue = z.string().safeParse(["a", "b"], { error: trimmed.en().localeError }).error
    ?.issues[0];
  assertEquals(issue?.message, "Invalid input: expected string, received array");
});
