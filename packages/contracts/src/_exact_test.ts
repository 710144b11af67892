import { assertStrictEquals } from "@std/assert";
import { z } from "zod";
import { exact } from "./_exact.ts";

type Strict = z.ZodObject<{ name: z.ZodString }, z.core.$strict>;

Deno.test("exact returns the schema itself when the declared type is the schema's own", () => {
  const schema = z.strictObject({ name: z.string() }).meta({ id: "Named" });
  const declared: Strict = exact(schema);
  assertStrictEquals(declared, schema);
});

// Each line below must fail to compile; `deno check` reports an unused @ts-expect-error
// otherwise. Plain annotations (`const x: Strict = schema`) accept every one of them.
Deno.test("exact rejects a schema that says more, less or otherwise than its declared type", () => {
  // @ts-expect-error A key the declared type does not have.
  const _extraKey: Strict = exact(z.strictObject({ name: z.string(), age: z.number() }));
  // @ts-expect-error A loose object declared strict.
  const _loose: Strict = exact(z.looseObject({ name: z.string() }));
  // @ts-expect-error A UUID declared as any string.
  const _narrower: z.ZodString = exact(z.uuid());
  // @ts-expect-error An optional key declared required.
  const _optional: Strict = exact(z.strictObject({ name: z.string().optional() }));
});

Deno.test("plain annotations accept the drifts exact rejects (why exact exists)", () => {
  const extraKey: Strict = z.strictObject({ name: z.string(), age: z.number() });
  const loose: Strict = z.looseObject({ name: z.string() });
  // The declared type hides `age`, yet the schema still requires it.
  assertStrictEquals(extraKey.safeParse({ name: "Ada" }).success, false);
  assertStrictEquals(loose.safeParse({ name: "Ada", extra: 1 }).success, true);
});
