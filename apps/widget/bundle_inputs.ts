/**
 * What a built bundle was made from, by content: the SHA-256 of every input its esbuild metafile
 * lists, written beside the bundle by the build (the widget's `build.ts`, the Worker's
 * `scripts/build.ts`) and compared again by whoever reads the bundle later (the benchmark). A
 * bundle whose sources changed since is then refused, whatever the file times say: a checkout
 * or a turbo cache hit moves those without changing a byte, and an edit can keep them.
 *
 * @module
 */
import { join } from "node:path";

/** The record a build writes: each input (relative to its member's folder) and its SHA-256. */
export interface BundleInputs {
  inputs: Record<string, string>;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function hashOf(path: string): Promise<string | null> {
  try {
    return await sha256(await Deno.readFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/**
 * Hashes the inputs the esbuild metafile at `metafilePath` lists (paths relative to `memberDir`;
 * esbuild's virtual modules such as `<runtime>` skipped) and writes the record to `recordPath`.
 *
 * @throws {Error} When the metafile cannot be read or an input is missing.
 */
export async function recordBundleInputs(
  memberDir: string,
  metafilePath: string,
  recordPath: string,
): Promise<void> {
  const { inputs } = JSON.parse(await Deno.readTextFile(metafilePath)) as {
    inputs: Record<string, unknown>;
  };
  const record: BundleInputs = { inputs: {} };
  for (const input of Object.keys(inputs).sort()) {
    if (input.startsWith("<")) continue;
    const hash = await hashOf(join(memberDir, input));
    if (hash === null) {
      throw new Error(`Recording the bundle's inputs failed: ${input} is missing.`);
    }
    record.inputs[input] = hash;
  }
  await Deno.writeTextFile(recordPath, JSON.stringify(record, null, 2) + "\n");
}

/**
 * The inputs recorded at `recordPath` whose content differs now (or that are gone): an empty
 * list means the bundle still matches its sources.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { changedBundleInputs, recordBundleInputs } from "./bundle_inputs.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.ts`, "export const a = 1;\n");
 * await Deno.writeTextFile(`${dir}/meta.json`, JSON.stringify({ inputs: { "a.ts": {}, "<runtime>": {} } }));
 * await recordBundleInputs(dir, `${dir}/meta.json`, `${dir}/inputs.json`);
 * assertEquals(await changedBundleInputs(dir, `${dir}/inputs.json`), []);
 * await Deno.writeTextFile(`${dir}/a.ts`, "export const a = 2;\n");
 * assertEquals(await changedBundleInputs(dir, `${dir}/inputs.json`), ["a.ts"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function changedBundleInputs(
  memberDir: string,
  recordPath: string,
): Promise<string[]> {
  const { inputs } = JSON.parse(await Deno.readTextFile(recordPath)) as BundleInputs;
  const changed: string[] = [];
  for (const [input, hash] of Object.entries(inputs)) {
    if (await hashOf(join(memberDir, input)) !== hash) changed.push(input);
  }
  return changed;
}
