import { assert, assertEquals, assertThrows } from "@std/assert";
import { findDescendantProcess, readProcessMemory, resetPeakMemory } from "./process_memory.ts";

const MiB = 1024 * 1024;

Deno.test("a child's peak memory is read, and reset to what it holds now", async () => {
  // On a line from us the child fills 96 MiB and drops them, then waits until the memory is
  // really back with the OS (V8 frees large buffers in the background) before saying so.
  const script = `
    const kib = (field) => {
      const line = Deno.readTextFileSync("/proc/self/status").split("\\n")
        .find((l) => l.startsWith(field + ":"));
      return parseInt(line.slice(field.length + 1), 10);
    };
    console.log("started");
    for await (const _ of Deno.stdin.readable) {
      let block = new Uint8Array(96 * 1024 * 1024).fill(1);
      block = null;
      for (let i = 0; i < 500 && kib("VmHWM") - kib("VmRSS") < 64 * 1024; i++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      console.log("freed");
    }
  `;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const waitFor = async (word: string) => {
    for (;;) {
      const { done, value } = await lines.read();
      if (done) throw new Error(`The child ended before it said ${word}`);
      if (value.includes(word)) return;
    }
  };
  const stdin = child.stdin.getWriter();
  try {
    await waitFor("started");
    resetPeakMemory(child.pid);
    const idle = readProcessMemory(child.pid);
    assert(idle.peakBytes - idle.rssBytes < 16 * MiB, JSON.stringify(idle));
    await stdin.write(new TextEncoder().encode("go\n"));
    await waitFor("freed");
    const freed = readProcessMemory(child.pid);
    assert(freed.peakBytes - idle.rssBytes >= 96 * MiB, JSON.stringify({ idle, freed }));
    assert(freed.peakBytes - freed.rssBytes >= 64 * MiB, JSON.stringify(freed));
    resetPeakMemory(child.pid);
    const reset = readProcessMemory(child.pid);
    assert(reset.peakBytes - reset.rssBytes < 16 * MiB, JSON.stringify(reset));
    assertEquals(findDescendantProcess(Deno.pid, "deno"), child.pid);
  } finally {
    await stdin.close();
    await child.status;
    await lines.cancel();
  }
});

Deno.test("no such process: a clear error, and no descendant by that name", () => {
  assertThrows(() => readProcessMemory(2 ** 30), Error, "needs Linux's /proc");
  assertEquals(findDescendantProcess(Deno.pid, "no-such-process-name"), null);
});
