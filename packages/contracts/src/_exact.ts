/**
 * Writing a schema's type down without letting it drift from the schema. JSR wants the type of
 * every exported schema spelled out (no slow types); TypeScript then only checks that the schema
 * is assignable to what is written, which lets an extra object key, or a loose object written as
 * strict, go unnoticed (and hides the key from every user's type). {@linkcode exact} checks both
 * ways.
 *
 * @module
 */

/** True only when `A` and `B` are the same type (not merely assignable either way). */
export type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2)
  ? true
  : false;

/**
 * Returns `schema` unchanged. Compiles only when the schema's type is identical to `Declared`,
 * which TypeScript takes from the annotation of the constant being initialised:
 * `export const XSchema: z.ZodObject<{ a: z.ZodString }, z.core.$strict> = exact(z.strictObject({ a: z.string() }));`
 *
 * @param schema The schema, built as usual.
 * @returns The same schema, typed as declared.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { z } from "zod";
 * import { exact } from "./_exact.ts";
 * const Name: z.ZodObject<{ name: z.ZodString }, z.core.$strict> = exact(
 *   z.strictObject({ name: z.string() }),
 * );
 * assertEquals(Name.parse({ name: "Ada" }), { name: "Ada" });
 * // @ts-expect-error The schema has a key the declared type does not.
 * const _drifted: typeof Name = exact(z.strictObject({ name: z.string(), age: z.number() }));
 * ```
 */
export function exact<Declared, Schema extends Declared = Declared>(
  schema: Schema & (Identical<Schema, Declared> extends true ? unknown : { notExactly: Declared }),
): Declared {
  return schema;
}
