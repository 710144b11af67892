import { assert, assertEquals } from "@std/assert";
import { pause, serveLoopback } from "./loopback_server.ts";

Deno.test("serveLoopback refuses connections while stopped and comes back on the same port", async () => {
  const server = serveLoopback(() => new Response("up"));
  try {
    assert(server.url.startsWith("http://127.0.0.1:"));
    assertEquals(await (await fetch(server.url)).text(), "up");
    await server.stop();
    assertEquals(server.running, false);
    let refused = false;
    await fetch(server.url).catch(() => (refused = true));
    assertEquals(refused, true);
    server.start();
    assertEquals(await (await fetch(server.url)).text(), "up");
  } finally {
    await server.close();
  }
});

Deno.test("stopping ends slow handlers instead of waiting for them", async () => {
  const server = serveLoopback(async (_request, stopping) => {
    await pause(30_000, stopping);
    return new Response("late");
  });
  const pending = fetch(server.url).then((r) => r.text()).catch(() => "failed");
  await pause(50);
  const started = performance.now();
  await server.close();
  assert(performance.now() - started < 5_000);
  await pending;
});
