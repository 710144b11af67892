/**
 * The third cold-start baseline, the floor that the libraries set: zod, `@hono/zod-openapi` and
 * hono evaluated (the service's routes validate with them, so it cannot start without them),
 * ONE `OpenAPIHono` route whose path parameter zod validates, and `Deno.serve`, announcing its
 * port like the edge service. Start → first 200 of this is what the service would cost if our
 * own modules, settings, database and other routes were free.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";

const route = createRoute({
  method: "get",
  path: "/users/{userId}",
  request: { params: z.object({ userId: z.uuid() }) },
  responses: {
    200: {
      description: "The user id, validated.",
      content: { "application/json": { schema: z.object({ userId: z.uuid() }) } },
    },
  },
});
const app = new OpenAPIHono().openapi(route, (c) => c.json(c.req.valid("param"), 200));

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
console.log(JSON.stringify({ msg: "listening", port: server.addr.port }));
