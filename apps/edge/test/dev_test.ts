import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { DEMO_USERS } from "@spkey/testkit";
import { edgeCommand } from "@spkey/testkit/demo-stack";
import { readLines } from "@spkey/testkit/process";

Deno.test("dev.ts seeds the demo, says stand-ins are in use and prints a curl that works", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spkey-edge-dev-" });
  const child = edgeCommand(
    new URL("../dev.ts", import.meta.url),
    { PORT: "0", DATABASE_PATH: `${dir}/demo.sqlite` },
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

const REPO_ROOT = new URL("../../../", import.meta.url).pathname;

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test("npm run dev (through turbo) honours PORT and DATABASE_PATH and prints no telemetry notice", async () => {
  const home = await Deno.makeTempDir({ prefix: "spkey-npm-dev-" });
  const databasePath = `${home}/chosen.sqlite`;
  const port = freePort();
  // A fresh machine: an empty home and config dir (where turbo keeps "notice already shown"), no
  // telemetry opt-out in the environment: the project's scripts must carry it themselves.
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "",
    HOME: home,
    XDG_CONFIG_HOME: `${home}/.config`,
    XDG_CACHE_HOME: `${home}/.cache`,
    // The Deno module cache is not a setting of the project: reuse it, or every module is
    // transpiled again.
    DENO_DIR: Deno.env.get("DENO_DIR") ??
      `${Deno.env.get("HOME") ?? home}/.cache/deno`,
    DENO_NO_UPDATE_CHECK: "1",
    NPM_CONFIG_UPDATE_NOTIFIER: "false",
    NO_COLOR: "1",
    PORT: String(port),
    DATABASE_PATH: databasePath,
  };
  // setsid: npm, turbo and deno share a new process group, stopped together below.
  const child = new Deno.Command("setsid", {
    args: ["npm", "run", "dev"],
    cwd: REPO_ROOT,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let sawListening: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => (sawListening = resolve));
  let sawDatabase: (line: string) => void = () => {};
  // The banner (with the database line) comes after the service's "listening" line.
  const databaseLine = new Promise<string>((resolve) => (sawDatabase = resolve));
  const onLine = (line: string) => {
    lines.push(line);
    const json = line.slice(line.indexOf("{"));
    if (json.includes('"msg":"listening"')) sawListening(JSON.parse(json).port);
    if (line.includes("Database: ")) sawDatabase(line);
  };
  const readers = Promise.all([readLines(child.stdout, onLine), readLines(child.stderr, onLine)]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const [listened, database] = await Promise.race([
      Promise.all([listening, databaseLine]),
      child.status.then(() =>
        Promise.reject(new Error(`npm run dev exited:\n${lines.join("\n")}`))
      ),
      new Promise<never>((_, reject) => {
        // Generous: turbo and a cold Deno on a busy 2-core machine.
        timer = setTimeout(
          () => reject(new Error(`npm run dev did not listen:\n${lines.join("\n")}`)),
          120_000,
        );
      }),
    ]);
    assertEquals(listened, port, "the service listens on the PORT given to npm run dev");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assertEquals(await health.json(), { status: "ok" });
    // The chosen database file was created, migrated and seeded, and is the one in use.
    assertStringIncludes(database, `Database: ${databasePath} (demo rows seeded)`);
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(databasePath, { readOnly: true });
    try {
      const row = db.prepare("SELECT count(*) AS n FROM b2c_users").get() as { n: number };
      assert(row.n > 0, "demo users seeded into DATABASE_PATH");
    } finally {
      db.close();
    }
    const output = lines.join("\n");
    // The notice ("Turborepo now collects completely anonymous telemetry…", with a link to
    // /docs/telemetry); the script line echoing TURBO_TELEMETRY_DISABLED is not it.
    assert(
      !/anonymous telemetry|docs\/telemetry/i.test(output),
      `turbo printed its telemetry notice:\n${output}`,
    );
  } finally {
    clearTimeout(timer);
    await stopGroup(child);
    await readers;
    await Deno.remove(home, { recursive: true });
  }
  // The whole tree stopped (npm may exit a moment before the deno it started): within 10 s
  // nothing listens on the port any more.
  let refused = false;
  for (let i = 0; i < 100 && !refused; i++) {
    refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.body?.cancel().then(() => false) ?? false,
      () => true,
    );
    if (!refused) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert(refused, "the service still answers after npm run dev was stopped");
});

/** SIGTERM to the child's process group, SIGKILL after 10 s; waits for the child. */
async function stopGroup(child: Deno.ChildProcess): Promise<void> {
  const signal = (name: Deno.Signal) => {
    try {
      Deno.kill(-child.pid, name);
    } catch {
      // The group is gone already.
    }
  };
  signal("SIGTERM");
  const killTimer = setTimeout(() => signal("SIGKILL"), 10_000);
  try {
    await child.status;
  } finally {
    clearTimeout(killTimer);
  }
}
