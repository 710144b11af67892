/**
 * The failed-auth limit of the Worker in real workerd (Miniflare): the client is
 * `CF-Connecting-IP` and nothing else, and the count lives in the `AUTH_FAILURES` Durable
 * Objects, so it holds across requests and outlives the isolate (a second workerd over the same
 * local state starts with a fresh isolate and no memory of its own).
 *
 * The test plays Cloudflare's edge by setting `CF-Connecting-IP` itself, as the edge does for
 * every request it forwards (the Worker's direct socket adds none).
 */
import { assertEquals } from "@std/assert";
import { DEMO_USERS, signDemoJwt } from "@spkey/testkit";
import { DEMO_WORKER_SECRETS, startWorkerStack, type WorkerStack } from "./support/worker_stack.ts";

const PATH = `/admin/threedeye/users/${DEMO_USERS.healthy}`;
const BAD = { "x-admin-api-key": "wrong-admin-key-0000000000", authorization: "Bearer x.y.z" };

async function status(stack: WorkerStack, headers: Record<string, string>): Promise<number> {
  const response = await fetch(stack.url + PATH, { headers });
  await response.body?.cancel();
  return response.status;
}

async function goodHeaders(): Promise<Record<string, string>> {
  return {
    "x-admin-api-key": DEMO_WORKER_SECRETS.adminApiKey,
    authorization: `Bearer ${await signDemoJwt(DEMO_WORKER_SECRETS.jwtSecret)}`,
  };
}

Deno.test("the Worker counts failed auth per CF-Connecting-IP in Durable Objects", async (t) => {
  const persistTo = await Deno.makeTempDir({ prefix: "spkey-worker-auth-" });
  const options = { persistTo, threedeye: false, turnkey: false } as const;
  const attacker = "203.0.113.50";
  try {
    const first = await startWorkerStack(options);
    try {
      await t.step("the start-up line names the Durable Object limiter", async () => {
        await status(first, {});
        const line = await first.waitForLog((l) => l.msg === "auth failure limiter");
        assertEquals(line.kind, "durable-object");
      });

      await t.step("a rotated X-Forwarded-For does not help: 429 after 10 failures", async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 15; i++) {
          statuses.push(
            await status(first, {
              ...BAD,
              "cf-connecting-ip": attacker,
              "x-forwarded-for": `198.51.100.${i}`,
            }),
          );
        }
        assertEquals(statuses, [...Array(10).fill(401), ...Array(5).fill(429)]);
      });

      await t.step("another CF-Connecting-IP is another client", async () => {
        const good = await goodHeaders();
        assertEquals(await status(first, { ...good, "cf-connecting-ip": "203.0.113.51" }), 200);
        assertEquals(await status(first, { ...good, "cf-connecting-ip": attacker }), 429);
      });
    } finally {
      await first.close();
    }

    const second = await startWorkerStack({ ...options, migrate: false });
    try {
      await t.step("a fresh isolate still sees the count: the next failure is a 429", async () => {
        assertEquals(await status(second, { ...BAD, "cf-connecting-ip": attacker }), 429);
        const good = await goodHeaders();
        assertEquals(await status(second, { ...good, "cf-connecting-ip": attacker }), 429);
        assertEquals(await status(second, { ...good, "cf-connecting-ip": "203.0.113.52" }), 200);
      });
    } finally {
      await second.close();
    }
  } finally {
    await Deno.remove(persistTo, { recursive: true });
  }
});
