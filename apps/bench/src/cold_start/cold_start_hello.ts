/**
 * The second cold-start baseline: the smallest Deno HTTP server, announcing its port the way the
 * edge service does (`{"msg":"listening","port":…}`) and answering 200 to everything. Process
 * start → first 200 of this is what any Deno server pays before our code counts.
 *
 * @module
 */
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  () => Response.json({ status: "ok" }),
);
console.log(JSON.stringify({ msg: "listening", port: server.addr.port }));
