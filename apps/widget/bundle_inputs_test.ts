import { assertEquals, assertRejects } from "@std/assert";
import { changedBundleInputs, recordBundleInputs } from "./bundle_inputs.ts";

/** A member folder with `src/a.ts`, `src/b.ts` and a metafile listing both (and `<runtime>`). */
async function member(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-bundle-inputs-" });
  await Deno.mkdir(`${dir}/src`);
  await Deno.writeTextFile(`${dir}/src/a.ts`, "export const a = 1;\n");
  await Deno.writeTextFile(`${dir}/src/b.ts`, "export const b = 1;\n");
  await Deno.writeTextFile(
    `${dir}/meta.json`,
    JSON.stringify({ inputs: { "src/b.ts": {}, "<runtime>": {}, "src/a.ts": {} } }),
  );
  await recordBundleInputs(dir, `${dir}/meta.json`, `${dir}/inputs.json`);
  return dir;
}

Deno.test("recordBundleInputs writes each real input's SHA-256, sorted", async () => {
  const dir = await member();
  try {
    const record = JSON.parse(await Deno.readTextFile(`${dir}/inputs.json`));
    assertEquals(Object.keys(record.inputs), ["src/a.ts", "src/b.ts"]);
    assertEquals(record.inputs["src/a.ts"].length, 64);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a touched but unchanged input is not a change; an edited or removed one is", async () => {
  const dir = await member();
  try {
    const later = new Date(Date.now() + 60_000);
    await Deno.utime(`${dir}/src/a.ts`, later, later);
    assertEquals(await changedBundleInputs(dir, `${dir}/inputs.json`), []);
    await Deno.writeTextFile(`${dir}/src/b.ts`, "export const b = 2;\n");
    assertEquals(await changedBundleInputs(dir, `${dir}/inputs.json`), ["src/b.ts"]);
    await Deno.remove(`${dir}/src/a.ts`);
    assertEquals(await changedBundleInputs(dir, `${dir}/inputs.json`), ["src/a.ts", "src/b.ts"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("recordBundleInputs refuses a metafile naming a missing input", async () => {
  const dir = await member();
  try {
    await Deno.remove(`${dir}/src/b.ts`);
    await assertRejects(
      () => recordBundleInputs(dir, `${dir}/meta.json`, `${dir}/inputs.json`),
      Error,
      "Recording the bundle's inputs failed: src/b.ts is missing.",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
