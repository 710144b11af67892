import { assertEquals, assertThrows } from "@std/assert";
import { z } from "zod";
import { FROM_JSON_SCHEMA_OMITTED, fromJSONSchema } from "./from_json_schema.ts";

Deno.test("the left-out fromJSONSchema throws, naming the failed action and why", () => {
  assertThrows(() => fromJSONSchema({ type: "string" }), Error, FROM_JSON_SCHEMA_OMITTED);
});

Deno.test("the replacement keeps zod's export name, so the alias swaps one for the other", () => {
  assertEquals(typeof z.fromJSONSchema, "function");
  assertEquals(fromJSONSchema.name, z.fromJSONSchema.name);
});
