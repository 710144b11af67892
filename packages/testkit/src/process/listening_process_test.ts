import { assert, assertEquals, assertRejects } from "@std/assert";
import { startListeningProcess } from "./listening_process.ts";

// A server that announces its port the way the edge service and the bench server do.
const HELLO = [
  "Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) =>",
  "  console.log(JSON.stringify({ msg: 'listening', port })) }, () => Response.json({ status: 'ok' }));",
].join("\n");

function denoCommand(args: string[]): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args,
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

Deno.test("startListeningProcess learns the port and the time to listen", async () => {
  const hello = await startListeningProcess(denoCommand(["eval", HELLO]), {
    name: "the hello server",
  });
  try {
    assert(hello.port > 0);
    assert(hello.listenedAfterMs > 0);
    const response = await fetch(`${hello.baseUrl}/`);
    assertEquals(await response.json(), { status: "ok" });
  } finally {
    await hello.close();
  }
});

Deno.test("startListeningProcess fails with the stderr of a process that exits", async () => {
  const failing = denoCommand(["eval", "console.error('error: no settings'); Deno.exit(3)"]);
  await assertRejects(
    () => startListeningProcess(failing, { name: "the failing server" }),
    Error,
    "Starting the failing server failed: it exited with code 3.\nerror: no settings",
  );
});

Deno.test("startListeningProcess keeps the JSON log lines after the listening line on request", async () => {
  const script = [
    "console.log(JSON.stringify({ msg: 'listening', port: 1 }));",
    "console.log(JSON.stringify({ msg: 'request', durationMs: 2 }));",
    "console.log('not json');",
    "await new Promise((resolve) => setTimeout(resolve, 30000));",
  ].join("\n");
  const child = await startListeningProcess(denoCommand(["eval", script]), {
    name: "the logging process",
    keepStdout: true,
  });
  const deadline = Date.now() + 5000;
  while (child.jsonLogs().length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await child.close();
  assertEquals(child.jsonLogs(), [{ msg: "request", durationMs: 2 }]);
});
