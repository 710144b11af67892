import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { DEMO_USERS } from "@spkey/standins";
import { edgeCommand, readLines } from "./harness.ts";

Deno.test("dev.ts seeds the demo, says stand-ins are in use and prints a curl that works", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-dev-" });
  const child = edgeCommand(
    { PORT: "0", DATABASE_PATH: `${dir}/demo.sqlite` },
    new URL("../dev.ts", import.meta.url),
  ).spawn();
  const lines: string[] = [];
  let sawCurl: (line: string) => void = () => {};
  const curlLine = new Promise<string>((resolve) => (sawCurl = resolve));
  const readers = Promise.all([
    readLines(child.stdout, (line) => {
      lines.push(line);
      if (line.includes("curl -s") && line.includes("/admin/threedeye/users/")) sawCurl(line);
    }),
    readLines(child.stderr, (line) => lines.push(line)),
  ]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const curl = await Promise.race([
      curlLine,
      child.status.then(() => Promise.reject(new Error(`dev.ts exited:\n${lines.join("\n")}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`dev.ts printed no curl:\n${lines.join("\n")}`)),
          30_000,
        );
      }),
    ]);
    const output = lines.join("\n");
    assertStringIncludes(output, "STAND-INS in use");
    assertMatch(output, /Widget page: +http:\/\/127\.0\.0\.1:\d+\/admin/);
    assertMatch(output, /API docs: +http:\/\/127\.0\.0\.1:\d+\/docs/);
    assertMatch(output, /OpenAPI: +http:\/\/127\.0\.0\.1:\d+\/openapi\.json/);
    const [, url] = /curl -s (\S+)/.exec(curl)!;
    const [, key] = /X-Admin-API-Key: ([^"]+)"/.exec(curl)!;
    const [, authorization] = /"Authorization: ([^"]+)"/.exec(curl)!;
    assert(url.endsWith(`/admin/threedeye/users/${DEMO_USERS.healthy}`));
    const response = await fetch(url, {
      headers: { "X-Admin-API-Key": key, Authorization: authorization },
    });
    assertEquals(response.status, 200);
    const report = await response.json();
    assertEquals(report.user, { found: true, email: "alice@example.com" });
    assertEquals(report.remote.match, true);
    assertEquals(report.remote.customerUserCount, 10);

    const turnkeyCurl = lines.find((line) => line.includes("/admin/turnkey/users/"));
    const [, turnkeyUrl] = /curl -s (\S+)/.exec(turnkeyCurl ?? "") ?? [];
    const turnkey = await fetch(turnkeyUrl, {
      headers: { "X-Admin-API-Key": key, Authorization: authorization },
    });
    assertEquals(turnkey.status, 200);
    assertEquals(typeof (await turnkey.json()).user?.userId, "string");

    // The demo file is migrated up to the email index, so the printed search works.
    const searchCurl = lines.find((line) => line.includes("/admin/threedeye/users?email="));
    const [, searchUrl] = /curl -s "([^"]+)"/.exec(searchCurl ?? "") ?? [];
    const search = await fetch(searchUrl, {
      headers: { "X-Admin-API-Key": key, Authorization: authorization },
    });
    assertEquals(search.status, 200);
    const found = await search.json();
    assertEquals(found.candidates.map((c: { userId: string }) => c.userId), [
      DEMO_USERS.healthy,
      DEMO_USERS.sharedEmail,
    ]);
  } finally {
    clearTimeout(timer);
    try {
      child.kill("SIGTERM");
    } catch {
      // Already exited.
    }
    const status = await child.status;
    await readers;
    await Deno.remove(dir, { recursive: true });
    assertEquals(status.code, 0, lines.join("\n"));
  }
});
