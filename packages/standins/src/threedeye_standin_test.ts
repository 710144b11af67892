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
    const auth = { authorization: `Bearer ${issued.accessToken}` };
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
      token: 1,
      list: 0,
      pages: 1,
      getUser: 2,
      unauthorized: 0,
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
      fetch(`${standin.url}/users`, { headers: { authorization: `Bearer ${t}` } });
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
