import { assertEquals } from "@std/assert";
import { batchedStdoutSink } from "./stdout_log_sink.ts";

function fakeOut(chunkLimit = Infinity) {
  const writes: string[] = [];
  return {
    writes,
    writeSync(bytes: Uint8Array): number {
      const n = Math.min(bytes.length, chunkLimit);
      writes.push(new TextDecoder().decode(bytes.subarray(0, n)));
      return n;
    },
  };
}

Deno.test("the log sink writes a burst of lines once, in order, after its delay", async () => {
  const out = fakeOut();
  const log = batchedStdoutSink(out, { maxDelayMs: 20 });
  log({ msg: "request", n: 1 });
  log({ msg: "audit", n: 2 });
  log({ msg: "request", n: 3 });
  assertEquals(out.writes.length, 0, "nothing is written synchronously");
  await new Promise((resolve) => setTimeout(resolve, 5));
  assertEquals(out.writes.length, 0, "nor before the delay");
  await new Promise((resolve) => setTimeout(resolve, 40));
  assertEquals(out.writes.length, 1);
  assertEquals(out.writes[0].split("\n").filter(Boolean).map((l) => JSON.parse(l).n), [1, 2, 3]);
  log({ msg: "request", n: 4 });
  await new Promise((resolve) => setTimeout(resolve, 40));
  assertEquals(out.writes.length, 2, "a later line gets its own write");
});

Deno.test("the log sink writes a large batch at once, without waiting", () => {
  const out = fakeOut();
  const log = batchedStdoutSink(out, { maxDelayMs: 60_000, maxChars: 100 });
  log({ msg: "first", pad: "x".repeat(40) });
  assertEquals(out.writes.length, 0);
  log({ msg: "second", pad: "x".repeat(40) });
  assertEquals(out.writes.length, 1, "the batch reached 100 characters");
  assertEquals(out.writes[0].split("\n").filter(Boolean).map((l) => JSON.parse(l).msg), [
    "first",
    "second",
  ]);
});

Deno.test("the log sink writes what is pending on unload", () => {
  const out = fakeOut();
  const log = batchedStdoutSink(out, { maxDelayMs: 60_000 });
  log({ msg: "last words" });
  globalThis.dispatchEvent(new Event("unload"));
  assertEquals(out.writes.join(""), '{"msg":"last words"}\n');
});

Deno.test("the log sink finishes partial writes", async () => {
  const out = fakeOut(7);
  const log = batchedStdoutSink(out, { maxDelayMs: 1 });
  log({ msg: "a line longer than seven bytes" });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assertEquals(out.writes.join(""), '{"msg":"a line longer than seven bytes"}\n');
});
