import { assertEquals, assertLess } from "@std/assert";
import { stopChild } from "./child_process.ts";

function spawn(code: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), { args: ["eval", code], stdout: "null", stderr: "null" })
    .spawn();
}

Deno.test("stopChild ends a running child with SIGTERM", async () => {
  const status = await stopChild(spawn("setTimeout(() => {}, 60_000)"));
  assertEquals(status.signal, "SIGTERM");
});

Deno.test("stopChild falls back to SIGKILL when SIGTERM is ignored", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      'Deno.addSignalListener("SIGTERM", () => {}); console.log("ready"); setTimeout(() => {}, 60_000)',
    ],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  // Wait for the child's own word that its listener is installed (a fixed pause was too short on a
  // loaded machine, where the child got SIGTERM before it could ignore it).
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  for (let seen = ""; !seen.includes("ready");) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the child exited before it was ready");
    seen += value;
  }
  await reader.cancel(); // nothing more to read; cancelling also releases the child's stdout
  const started = performance.now();
  const status = await stopChild(child, 200);
  assertEquals(status.signal, "SIGKILL");
  assertLess(performance.now() - started, 5000);
});

Deno.test("stopChild on a child that already exited answers its status", async () => {
  const child = spawn("Deno.exit(3)");
  await child.status;
  assertEquals((await stopChild(child)).code, 3);
});
