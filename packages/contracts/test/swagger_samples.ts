/**
 * Test support: payloads generated from a Swagger 2.0 definition, to hold a zod schema to the API
 * it models. From one definition (following `$ref`s through `#/definitions/…`) it builds:
 *
 * - a full sample (every property, arrays of one item, one extra property where the definition
 *   allows additional ones) and a required-only sample;
 * - one sample per value of each enum at each place it occurs;
 * - mutations of the full sample: each required field removed, each field (and the first item of
 *   each array) given the wrong type, each enum given a value the definition does not list.
 *
 * Which mutations a schema must reject is the test's decision, not this module's.
 *
 * @module
 */

/** The subset of a Swagger 2.0 schema object the generator understands. */
export interface SwaggerSchema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  items?: SwaggerSchema;
  enum?: string[];
  additionalProperties?: unknown;
}

/** A Swagger 2.0 document (only `definitions` is read). */
export interface SwaggerDocument {
  definitions: Record<string, SwaggerSchema>;
}

/** A location in a payload: property names and array indexes. */
export type PayloadPath = (string | number)[];

/** One place in the full sample that the definition describes. */
export interface SwaggerSite {
  /** Where it is in the sample. */
  path: PayloadPath;
  /** `definition.property` (e.g. `v1User.mfaPolicies`), or `…[]` for an array's items. */
  label: string;
  /** Whether the owning definition requires it (array items count as required). */
  required: boolean;
  /** What it is: the definition it refers to, or its own schema, `$ref` resolved. */
  schema: SwaggerSchema;
  /** The definition name when it was reached through a `$ref` (e.g. `v1AuthenticationType`). */
  refName?: string;
}

/** A sample with one enum location set to one value. */
export interface EnumSample {
  site: SwaggerSite;
  value: string;
  sample: unknown;
}

/** How a mutation breaks the full sample. */
export type MutationKind = "removed" | "wrong type" | "unknown enum value";

/** The full sample with one thing changed. */
export interface Mutation {
  site: SwaggerSite;
  kind: MutationKind;
  /** `label kind`, e.g. `v1User.mfaPolicies removed`: the key for per-case expectations. */
  key: string;
  sample: unknown;
}

/** The property added where a definition allows additional properties. */
export const EXTRA_PROPERTY = "extraPropertyFromANewerApi";

const MAX_DEPTH = 32;

/** Builds samples of `definition` and of everything it references. */
export class SwaggerSamples {
  readonly #doc: SwaggerDocument;
  readonly #root: string;
  readonly #sites: SwaggerSite[] = [];
  readonly #full: unknown;

  /**
   * @param doc The Swagger document.
   * @param definition The definition to sample (a key of `doc.definitions`).
   */
  constructor(doc: SwaggerDocument, definition: string) {
    if (!(definition in doc.definitions)) {
      throw new RangeError(`Cannot sample ${definition}: no such definition`);
    }
    this.#doc = doc;
    this.#root = definition;
    this.#full = this.#build(this.#rootSchema(), "full", [], definition, this.#sites);
  }

  /** Every property present, arrays of one item. */
  full(): unknown {
    return structuredClone(this.#full);
  }

  /** Only required properties, arrays of one item. */
  requiredOnly(): unknown {
    return this.#build(this.#rootSchema(), "required", [], this.#root, []);
  }

  #rootSchema(): SwaggerSchema {
    return { $ref: `#/definitions/${this.#root}` };
  }

  /** Every location of the full sample, depth first. */
  sites(): readonly SwaggerSite[] {
    return this.#sites;
  }

  /** One full sample per value of each enum at each place it occurs. */
  enumSamples(): EnumSample[] {
    return this.#sites.filter((site) => site.schema.enum).flatMap((site) =>
      site.schema.enum!.map((value) => ({ site, value, sample: this.#withValue(site.path, value) }))
    );
  }

  /** Each required field removed, each location given the wrong type, each enum an unlisted value. */
  mutations(): Mutation[] {
    const out: Mutation[] = [];
    const add = (site: SwaggerSite, kind: MutationKind, sample: unknown) =>
      out.push({ site, kind, key: `${site.label} ${kind}`, sample });
    for (const site of this.#sites) {
      const last = site.path.at(-1);
      if (site.required && typeof last === "string") {
        add(site, "removed", this.#without(site.path));
      }
      add(site, "wrong type", this.#withValue(site.path, wrongTypeFor(site.schema)));
      if (site.schema.enum) {
        add(
          site,
          "unknown enum value",
          this.#withValue(site.path, "VALUE_ADDED_AFTER_THE_SWAGGER"),
        );
      }
    }
    return out;
  }

  #resolve(schema: SwaggerSchema): { schema: SwaggerSchema; refName?: string } {
    if (schema.$ref === undefined) return { schema };
    const prefix = "#/definitions/";
    if (!schema.$ref.startsWith(prefix)) {
      throw new RangeError(`Cannot resolve ${schema.$ref}: only ${prefix}… is supported`);
    }
    const refName = schema.$ref.slice(prefix.length);
    const target = this.#doc.definitions[refName];
    if (target === undefined) throw new RangeError(`Cannot resolve ${schema.$ref}: not defined`);
    return { schema: target, refName };
  }

  #build(
    input: SwaggerSchema,
    mode: "full" | "required",
    path: PayloadPath,
    label: string,
    sites: SwaggerSite[],
  ): unknown {
    if (path.length > MAX_DEPTH) throw new RangeError(`Cannot sample ${label}: too deep`);
    const { schema } = this.#resolve(input);
    if (schema.enum) return schema.enum[0];
    switch (typeOf(schema)) {
      case "string":
        return `sample ${label}`;
      case "integer":
      case "number":
        return 1;
      case "boolean":
        return true;
      case "array": {
        if (schema.items === undefined) throw new RangeError(`${label}: an array without items`);
        const item = { path: [...path, 0], label: `${label}[]`, required: true };
        sites.push({ ...item, ...this.#resolve(schema.items) });
        return [this.#build(schema.items, mode, item.path, item.label, sites)];
      }
      case "object": {
        const { refName } = this.#resolve(input);
        const owner = refName ?? label;
        const required = new Set(schema.required ?? []);
        const out: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
          if (mode === "required" && !required.has(key)) continue;
          const site = {
            path: [...path, key],
            label: `${owner}.${key}`,
            required: required.has(key),
          };
          sites.push({ ...site, ...this.#resolve(property) });
          out[key] = this.#build(property, mode, site.path, site.label, sites);
        }
        if (mode === "full" && schema.additionalProperties) {
          out[EXTRA_PROPERTY] = { kept: "as received" };
        }
        return out;
      }
      default:
        throw new RangeError(`${label}: cannot sample type ${schema.type}`);
    }
  }

  #withValue(path: PayloadPath, value: unknown): unknown {
    const sample = this.full();
    const parent = walk(sample, path.slice(0, -1));
    parent[path.at(-1)!] = value;
    return sample;
  }

  #without(path: PayloadPath): unknown {
    const sample = this.full();
    delete walk(sample, path.slice(0, -1))[path.at(-1)!];
    return sample;
  }
}

function walk(value: unknown, path: PayloadPath): Record<string | number, unknown> {
  let node = value as Record<string | number, unknown>;
  for (const step of path) node = node[step] as Record<string | number, unknown>;
  return node;
}

/** A JSON value of another type than `schema` describes. */
function wrongTypeFor(schema: SwaggerSchema): unknown {
  if (schema.enum) return 7;
  switch (typeOf(schema)) {
    case "string":
      return 42;
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "true";
    case "array":
      return { 0: "an object is not an array" };
    default:
      return ["an array is not an object"];
  }
}

function typeOf(schema: SwaggerSchema): string | undefined {
  return schema.type ?? (schema.properties ? "object" : undefined);
}
