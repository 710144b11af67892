import { assert, assertEquals, assertLess } from "@std/assert";
import {
  gzipLength,
  measureBundle,
  minify,
  WORKER_GZIP_BUDGET_BYTES,
  WORKER_GZIP_LIMIT_BYTES,
} from "./bundle_size.ts";

const encoder = new TextEncoder();
const source = encoder.encode(
  "export function addTheseTwoNumbers(firstNumber, secondNumber) {\n" +
    "  // a comment the minifier drops\n  return firstNumber + secondNumber;\n}\n",
);

Deno.test("gzipLength is the size of a real gzip stream of the bytes", async () => {
  const repeated = encoder.encode("a".repeat(10_000));
  const length = await gzipLength(repeated);
  assertLess(length, 200);
  const stream = new Blob([repeated]).stream().pipeThrough(new CompressionStream("gzip"));
  assertEquals(length, (await new Response(stream).arrayBuffer()).byteLength);
});

Deno.test("minify shrinks code with esbuild and keeps it valid", async () => {
  const out = new TextDecoder().decode(await minify(source));
  assertLess(out.length, source.byteLength);
  assert(!out.includes("comment"), out);
  const mod = await import(`data:text/javascript,${encodeURIComponent(out)}`);
  assertEquals(mod.addTheseTwoNumbers(2, 3), 5);
});

Deno.test("minify rejects code esbuild cannot parse, naming the action", async () => {
  let error: unknown;
  try {
    await minify(encoder.encode("export const = ;"));
  } catch (e) {
    error = e;
  }
  assert(error instanceof Error && error.message.startsWith("Minifying the Worker bundle failed"));
});

Deno.test("measureBundle reports raw, minified and gzip sizes against budget and limit", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/index.js`, source);
    const size = await measureBundle(`${dir}/index.js`, "index.js");
    assertEquals(size.file, "index.js");
    assertEquals(size.rawBytes, source.byteLength);
    assertEquals(size.gzipBytes, await gzipLength(source));
    assertLess(size.minifiedBytes, size.rawBytes);
    assertEquals(size.minifiedGzipBytes, await gzipLength(await minify(source)));
    assertEquals(size.gzipBudgetBytes, 120 * 1024);
    assertLess(WORKER_GZIP_BUDGET_BYTES, WORKER_GZIP_LIMIT_BYTES);
    assertEquals(size.gzipLimitBytes, WORKER_GZIP_LIMIT_BYTES);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
