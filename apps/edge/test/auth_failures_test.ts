/**
 * The failed-auth limit of the real Deno server (`main.ts` in a subprocess) against a hostile
 * network: the client address is the connection's, whatever the request's headers say; a trusted
 * proxy's header counts only at the hop that proxy appended; and two processes that share one
 * Deno KV file share one count.
 *
 * Clients connect from distinct loopback addresses (127.0.0.0/8 is all local on Linux), so the
 * server sees a different connection address per client.
 */
import { assert, assertEquals } from "@std/assert";
import { existsSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import { type DemoStack, startDemoStack } from "@spkey/testkit/demo-stack";
import { EDGE_APP } from "../src/demo_stack.ts";

const USER_PATH = "/admin/threedeye/users/11111111-1111-4111-8111-111111111111";
const BAD_CREDENTIALS = {
  "x-admin-api-key": "wrong-admin-key-0000000000",
  authorization: "Bearer x.y.z",
};
const LIMIT = 10;

/** GET `path` of `stack` over a fresh connection from `localAddress`; answers the status. */
function statusFrom(
  stack: DemoStack,
  localAddress: string,
  headers: Record<string, string>,
): Promise<number> {
  const { port } = new URL(stack.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: USER_PATH, localAddress, headers, agent: false },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

/** The statuses of `count` bad attempts from `localAddress`, with `headers(i)` added to each. */
async function badAttempts(
  stack: DemoStack,
  localAddress: string,
  count: number,
  headers: (i: number) => Record<string, string> = () => ({}),
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    statuses.push(await statusFrom(stack, localAddress, { ...BAD_CREDENTIALS, ...headers(i) }));
  }
  return statuses;
}

/** `LIMIT` 401s, then 429 for the rest of `count`. */
function limitedAfter(count: number, allowed = LIMIT): number[] {
  return [...Array(allowed).fill(401), ...Array(count - allowed).fill(429)];
}

const rotated = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

Deno.test("the Deno server keys failed auth by the connection, not by request headers", async (t) => {
  const stack = await startDemoStack({ edge: EDGE_APP });
  try {
    await t.step("200 bad attempts rotating CF-Connecting-IP get 429 after the limit", async () => {
      const statuses = await badAttempts(stack, "127.0.0.2", 200, (i) => ({
        "cf-connecting-ip": rotated(i),
      }));
      assertEquals(statuses, limitedAfter(200));
    });

    await t.step("200 bad attempts rotating X-Forwarded-For get 429 after the limit", async () => {
      const statuses = await badAttempts(stack, "127.0.0.3", 200, (i) => ({
        "x-forwarded-for": `${rotated(i)}, ${rotated(i + 1)}`,
      }));
      assertEquals(statuses, limitedAfter(200));
    });

    await t.step(
      "bad attempts carrying a victim's address do not lock the victim out",
      async () => {
        const victim = "127.0.0.5";
        const statuses = await badAttempts(stack, "127.0.0.4", 12, () => ({
          "cf-connecting-ip": victim,
          "x-forwarded-for": victim,
        }));
        assertEquals(statuses, limitedAfter(12), "the attacker limits itself");
        assertEquals(await statusFrom(stack, victim, await stack.adminHeaders()), 200);
        assertEquals(
          await statusFrom(stack, "127.0.0.4", await stack.adminHeaders()),
          429,
          "the attacker's connection stays locked out, even with valid credentials",
        );
      },
    );

    await t.step("the count is in Deno KV beside the database, and the start-up says so", () => {
      assert(existsSync(join(dirname(stack.databasePath), "auth_failures.kv")));
      const lines = stack.service.jsonLogs().filter((l) => l.msg === "auth failure limiter");
      assertEquals(lines, [{ level: "info", msg: "auth failure limiter", kind: "deno-kv" }]);
    });
  } finally {
    await stack.close();
  }
});

Deno.test("behind a trusted proxy the Deno server keys failed auth by the hop that proxy appended", async () => {
  const stack = await startDemoStack({
    edge: EDGE_APP,
    env: { TRUSTED_PROXY_HEADER: "X-Forwarded-For", TRUSTED_PROXY_HOPS: "1" },
  });
  // This test is the proxy: every request arrives from 127.0.0.1, the proxy's own address.
  const proxy = "127.0.0.1";
  const forwarded = async (value: string) =>
    await statusFrom(stack, proxy, { ...await stack.adminHeaders(), "x-forwarded-for": value });
  try {
    const statuses = await badAttempts(stack, proxy, 20, (i) => ({
      "x-forwarded-for": `${rotated(i)}, 198.51.100.7`,
    }));
    assertEquals(statuses, limitedAfter(20), "the client's own first hops are ignored");
    assertEquals(await forwarded("198.51.100.7"), 429);
    assertEquals(await forwarded("198.51.100.7, 198.51.100.8"), 200, "another client, framed");
    assertEquals(
      await statusFrom(stack, proxy, await stack.adminHeaders()),
      200,
      "without the header: the connection address, which is not locked out",
    );
  } finally {
    await stack.close();
  }
});

Deno.test("two Deno server processes that share one KV file share one failure count", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-shared-kv-" });
  const env = { DENO_KV_PATH: join(dir, "auth_failures.kv") };
  const first = await startDemoStack({ edge: EDGE_APP, env });
  try {
    const second = await startDemoStack({ edge: EDGE_APP, env });
    try {
      const client = "127.0.0.6";
      assertEquals(await badAttempts(first, client, 6), Array(6).fill(401));
      assertEquals(await badAttempts(second, client, 4), Array(4).fill(401));
      assertEquals(await badAttempts(second, client, 1), [429], "the limit is reached across both");
      assertEquals(
        await badAttempts(first, client, 1),
        [429],
        "the first process has not seen the lock-out, but its next failure is past the limit",
      );
      assertEquals(await statusFrom(first, client, await first.adminHeaders()), 429);
      for (const stack of [first, second]) {
        const line = stack.service.jsonLogs().find((l) => l.msg === "auth failure limiter");
        assertEquals(line?.kind, "deno-kv");
      }
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without a usable KV the Deno server says so and limits in memory", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-no-kv-" });
  const notADirectory = join(dir, "a-file");
  await Deno.writeTextFile(notADirectory, "");
  const stack = await startDemoStack({
    edge: EDGE_APP,
    env: { DENO_KV_PATH: join(notADirectory, "auth_failures.kv") },
  });
  try {
    assertEquals(await badAttempts(stack, "127.0.0.7", 12), limitedAfter(12));
    const logs = stack.service.jsonLogs();
    const warning = logs.find((l) => l.msg === "deno kv unavailable");
    assertEquals(warning?.level, "warn");
    assertEquals(typeof warning?.error, "string");
    assertEquals(JSON.stringify(warning).includes(dir), false, "no path in the line");
    const line = logs.find((l) => l.msg === "auth failure limiter");
    assertEquals(line?.kind, "memory");
  } finally {
    await stack.close();
    await Deno.remove(dir, { recursive: true });
  }
});
