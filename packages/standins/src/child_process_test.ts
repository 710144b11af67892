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
  const child = spawn(
    'Deno.addSignalListener("SIGTERM", () => {}); console.log("ready"); setTimeout(() => {}, 60_000)',
  );
  await new Promise((resolve) => setTimeout(resolve, 300)); // let it install the listener
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
