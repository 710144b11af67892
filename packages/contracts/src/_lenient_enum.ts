/**
 * A "lenient enum" for payloads we receive: the known values stay visible in types and in the
 * generated JSON Schema, yet an unknown future value still parses (as a plain string) instead of
 * failing the whole response.
 *
 * @module
 */
import { z } from "zod";

/**
 * Any string, typed so that a union with string literals keeps them: `"A" | string` collapses to
 * `string`, `"A" | (string & Record<never, never>)` does not.
 */
type AnyOtherString = string & Record<never, never>;

/** The schema {@linkcode lenientEnum} builds: the known values, or any other string. */
export type LenientEnumSchema<Known extends string> = z.ZodUnion<
  readonly [z.ZodEnum<{ [K in Known]: K }>, z.ZodType<AnyOtherString>]
>;

/**
 * A string schema that lists `values` as the known ones but accepts any other string too.
 *
 * The inferred type is `"A" | "B" | (string & Record<never, never>)`: editors still suggest the
 * known values.
 *
 * @param values The values known today.
 * @param description What the value means; the known values are appended.
 * @returns A zod schema (a union of an enum and a string).
 */
export function lenientEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
): LenientEnumSchema<T[number]> {
  const anyOther = z.string() as unknown as z.ZodType<AnyOtherString>;
  return z.union([z.enum(values), anyOther]).meta({
    description: `${description} Known values: ${
      values.join(", ")
    }. Other values are accepted, as Turnkey may add new ones.`,
  });
}
