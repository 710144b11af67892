import { assert, assertEquals } from "@std/assert";
import { DEMO_THREEDEYE_CREDENTIALS, startThreedeyeStandin } from "./threedeye_standin.ts";

const { apiKey, username, password } = DEMO_THREEDEYE_CREDENTIALS;

async function token(
  url: string,
  headers: Record<string, string> = { "x-api-key": apiKey },
  body: unknown = { username, password },
) {
  return await fetch(`${url}/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

Deno.test("3dEye stand-in: token, paged listing with total, user by id, 404", async () => {
  const standin = startThreedeyeStandin({ tokenTtlSeconds: 900 });
  try {
    assert(standin.url.endsWith("/v3"));
    const issued = await (await token(standin.url)).json();
    assertEquals(issued.expiresIn, 900);
    const auth = { authorization: `Bearer ${issued.accessToken}`, "x-api-key": apiKey };
    const page2 = await (await fetch(`${standin.url}/users?page=2&pageSize=4`, { headers: auth }))
      .json();
    assertEquals(page2.total, 10);
    assertEquals(page2.data.map((u: { id: string }) => u.id), [
      "td-1007",
      "td-9001",
      "td-9002",
      "td-9003",
    ]);
    const user = await (await fetch(`${standin.url}/users/td-1006`, { headers: auth })).json();
    assertEquals(user.email, "Frank@Example.com");
    const missing = await fetch(`${standin.url}/users/td-1004`, { headers: auth });
    assertEquals(missing.status, 404);
    await missing.body?.cancel();
    assertEquals(standin.counts, {
      requests: 4,
      token: 1,
      list: 0,
      pages: 1,
      getUser: 2,
      unauthorized: 0,
      forbidden: 0,
      redirectTargetRequests: 0,
      maxConcurrentPages: 1,
    });
  } finally {
    await standin.close();
  }
});

Deno.test("3dEye stand-in: rejects bad credentials, missing or expired tokens", async () => {
  const standin = startThreedeyeStandin({ tokenTtlSeconds: null, includeTotal: false });
  try {
    for (
      const bad of [
        await token(standin.url, { "x-api-key": "nope" }),
        await token(standin.url, undefined, { username, password: "x" }),
      ]
    ) {
      assertEquals(bad.status, 401);
      await bad.body?.cancel();
    }
    const issued = await (await token(standin.url)).json();
    assertEquals("expiresIn" in issued, false);
    const list = (t: string) =>
      fetch(`${standin.url}/users`, {
        headers: { authorization: `Bearer ${t}`, "x-api-key": apiKey },
      });
    const ok = await list(issued.accessToken);
    assertEquals(ok.status, 200);
    assertEquals("total" in await ok.json(), false);
    const forged = await list("forged");
    assertEquals(forged.status, 401);
    await forged.body?.cancel();
    await standin.setFault("expire_tokens");
    const expired = await list(issued.accessToken);
    assertEquals(expired.status, 401);
    await expired.body?.cancel();
    assertEquals(standin.counts.unauthorized, 2);
    assertEquals(standin.issuedTokens(), [issued.accessToken]);
  } finally {
    await standin.close();
  }
});

Deno.test("3dEye stand-in: faults 500, malformed, slow and down, then recovery", async () => {
  const standin = startThreedeyeStandin({ slowMs: 150 });
  try {
    await standin.setFault("error500");
    const failed = await token(standin.url);
    assertEquals(failed.status, 500);
    await failed.body?.cancel();
    await standin.setFault("malformed");
    const text = await (await token(standin.url)).text();
    assert(text.length > 0);
    let parsed = true;
    try {
      JSON.parse(text);
    } catch {
      parsed = false;
    }
    assertEquals(parsed, false);
    await standin.setFault("slow");
    const started = performance.now();
    await (await token(standin.url)).body?.cancel();
    assert(performance.now() - started >= 140);
    await standin.setFault("down");
    let refused = false;
    try {
      await token(standin.url);
    } catch {
      refused = true;
    }
    assertEquals(refused, true);
    await standin.setFault(null);
    assertEquals((await token(standin.url)).status, 200);
    standin.setUsers([{ id: "x-1", email: null }]);
    standin.setLatency(0);
    standin.resetCounts();
    assertEquals(standin.counts.token, 0);
  } finally {
    await standin.close();
  }
});

/** A token and the headers of a data call, as the 3dEye client sends them. */
async function dataHeaders(url: string): Promise<Record<string, string>> {
  const { accessToken } = await (await token(url)).json();
  return { authorization: `Bearer ${accessToken}`, "x-api-key": apiKey };
}

Deno.test("3dEye stand-in: a data call without the right x-api-key is refused with 403 JSON", async () => {
  const standin = startThreedeyeStandin();
  try {
    const { authorization } = await dataHeaders(standin.url);
    const withoutKey: Record<string, string>[] = [{ authorization }, {
      authorization,
      "x-api-key": "wrong",
    }];
    for (const headers of withoutKey) {
      for (const path of ["/users?page=1&pageSize=10", "/users/td-1001"]) {
        const refused = await fetch(standin.url + path, { headers });
        assertEquals(refused.status, 403);
        assertEquals(refused.headers.get("content-type"), "application/json");
        assertEquals(await refused.json(), { message: "Forbidden: missing or invalid x-api-key" });
      }
    }
    assertEquals([standin.counts.forbidden, standin.counts.unauthorized], [4, 0]);
    const allowed = await fetch(`${standin.url}/users/td-1001`, {
      headers: { authorization, "x-api-key": apiKey },
    });
    assertEquals(allowed.status, 200);
    await allowed.body?.cancel();
  } finally {
    await standin.close();
  }
});

Deno.test("3dEye stand-in: hostile page faults ignore pageSize, claim huge totals, or crawl", async () => {
  const standin = startThreedeyeStandin({ giantPageUsers: 3000, slowPageMs: 150 });
  try {
    const headers = await dataHeaders(standin.url);
    const page = async (n: number) =>
      await (await fetch(`${standin.url}/users?page=${n}&pageSize=10`, { headers })).json();

    await standin.setFault("giant_page");
    const giant = await page(2);
    assertEquals([giant.data.length, giant.total, giant.data[0].id], [
      3000,
      1_000_000,
      "td-hostile-1",
    ]);

    await standin.setFault("one_per_page");
    const single = await page(7);
    assertEquals([single.data.length, single.total, single.data[0].id], [1, 1e12, "td-hostile-7"]);

    await standin.setFault("slow_pages");
    const started = performance.now();
    const slow = await page(3);
    assert(performance.now() - started >= 140, "each page takes slowPageMs");
    assertEquals([slow.data.length, slow.total, slow.data[0].id], [10, 1_000_000, "td-hostile-21"]);
    const user = await fetch(`${standin.url}/users/td-1001`, { headers });
    assertEquals(user.status, 200, "page faults leave other calls alone");
    await user.body?.cancel();
  } finally {
    await standin.close();
  }
});

Deno.test("3dEye stand-in: an endless body streams until the client cancels it", async () => {
  const standin = startThreedeyeStandin();
  try {
    const headers = await dataHeaders(standin.url);
    await standin.setFault("endless_body");
    const response = await fetch(`${standin.url}/users?page=1&pageSize=10`, { headers });
    assertEquals(response.status, 200);
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 2 * 1024 * 1024) received += (await reader.read()).value!.byteLength;
    await reader.cancel();
    assert(received >= 2 * 1024 * 1024, "it kept sending past 2 MiB");
  } finally {
    await standin.close();
  }
});

Deno.test("3dEye stand-in: a redirect points at a second origin that counts what reaches it", async () => {
  const standin = startThreedeyeStandin();
  try {
    await standin.setFault("redirect");
    const manual = await token(standin.url);
    // fetch follows by default: this test is the careless client, the count must see it.
    assertEquals(manual.redirected, true);
    assertEquals(await manual.json(), { accessToken: "collected", data: [] });
    assertEquals([standin.counts.token, standin.counts.redirectTargetRequests], [1, 1]);
    standin.resetCounts();
    assertEquals(standin.counts.redirectTargetRequests, 0);
    const notFollowed = await fetch(`${standin.url}/users`, { redirect: "manual" });
    assertEquals(notFollowed.status, 307);
    assert(notFollowed.headers.get("location")!.endsWith("/v3/users"));
    await notFollowed.body?.cancel();
    assertEquals(standin.counts.redirectTargetRequests, 0);
  } finally {
    await standin.close();
  }
});

Deno.test("3dEye stand-in: rate_limited and unavailable answer 429 / 503 with Retry-After", async () => {
  const standin = startThreedeyeStandin({ retryAfterSeconds: 7 });
  try {
    for (const [fault, status] of [["rate_limited", 429], ["unavailable", 503]] as const) {
      await standin.setFault(fault);
      const answer = await token(standin.url);
      assertEquals([answer.status, answer.headers.get("retry-after")], [status, "7"]);
      await answer.body?.cancel();
    }
  } finally {
    await standin.close();
  }
});
