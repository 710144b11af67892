// The CLI against the real local service: the edge app in a subprocess with the seeded demo
// database and the 3dEye stand-in. Checks text, --json, exit codes and failure reporting, by user
// id and by email (one, several or no users with the address).
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { EDGE_APP } from "@spkey/edge/demo";
import { startDemoStack } from "@spkey/testkit/demo-stack";
import { DEMO_USERS } from "@spkey/testkit";

type DemoUserName = keyof typeof DEMO_USERS;
import { ThreedeyeDiagnosticsSchema, ThreedeyeUserSearchSchema } from "@spkey/contracts";
import { main } from "../main.ts";

async function runCli(argv: string[], env: Record<string, string> = {}, isTerminal = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: (name) => env[name],
    isTerminal,
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

Deno.test("deno task diagnose against the local demo service", async (t) => {
  const stack = await startDemoStack({ edge: EDGE_APP });
  try {
    const jwt = await stack.makeJwt();
    const creds = ["--url", stack.baseUrl, "--key", stack.adminApiKey, "--jwt", jwt];
    const id = (name: DemoUserName) => DEMO_USERS[name];

    await t.step("a healthy user prints the all-good finding and exits 0", async () => {
      const r = await runCli([id("healthy"), ...creds]);
      assertEquals(r.code, 0, r.stderr);
      assertStringIncludes(r.stdout, `3dEye provisioning diagnostics for ${id("healthy")}`);
      assertMatch(r.stdout, /OK +Everything checks out/);
      assertStringIncludes(r.stdout, "td-1001");
      assert(!r.stdout.includes("\x1b["), "no colour when stdout is not a terminal");
    });

    await t.step("warnings exit 1, errors exit 2", async () => {
      assertEquals((await runCli([id("caseMismatch"), ...creds])).code, 1);
      assertEquals((await runCli([id("withRecovery"), ...creds])).code, 0, "info findings only");
      assertEquals((await runCli([id("noPassword"), ...creds])).code, 2);
      const gone = await runCli([id("accountGone"), ...creds]);
      assertEquals(gone.code, 2);
      assertMatch(gone.stdout, /FAIL +/);
      assertEquals((await runCli([id("unknown"), ...creds])).code, 2);
    });

    await t.step("colour on a terminal", async () => {
      const r = await runCli([id("accountGone"), ...creds], {}, true);
      assertStringIncludes(r.stdout, "\x1b[31mFAIL\x1b[39m");
    });

    await t.step("--json prints exactly the report", async () => {
      const r = await runCli([id("withRecovery"), ...creds, "--json"]);
      const report = ThreedeyeDiagnosticsSchema.parse(JSON.parse(r.stdout));
      assertEquals(report.recovery, { found: true, roleIds: ["role-owner", "role-viewer"] });
    });

    await t.step("credentials from the environment", async () => {
      const r = await runCli([id("healthy")], {
        SPKEY_URL: stack.baseUrl,
        SPKEY_ADMIN_KEY: stack.adminApiKey,
        SPKEY_JWT: jwt,
      });
      assertEquals(r.code, 0, r.stderr);
    });

    await t.step("a wrong key exits 4 with the envelope and its requestId", async () => {
      const r = await runCli([
        id("healthy"),
        ...creds.slice(0, 2),
        "--key",
        "x".repeat(24),
        "--jwt",
        jwt,
      ]);
      assertEquals(r.code, 4);
      assertMatch(r.stderr, /^error: 401 Unauthorized: .+ \(requestId [A-Za-z0-9._-]+\)$/);
      assert(!r.stderr.includes(jwt), "the JWT is never echoed");
    });

    await t.step("a non-UUID id exits 4 with the 400 envelope", async () => {
      const r = await runCli(["not-a-uuid", ...creds]);
      assertEquals(r.code, 4);
      assertStringIncludes(r.stderr, "400 Bad Request");
    });

    await t.step(
      "an email one user has prints that user's report, exit code by severity",
      async () => {
        const r = await runCli(["FRANK@example.com", ...creds]);
        assertEquals(r.code, 1, r.stderr);
        const [headline, blank, title] = r.stdout.split("\n");
        assertEquals(
          headline,
          `1 user has the email FRANK@example.com (ASCII letter case ignored): ${
            id("caseMismatch")
          }`,
        );
        assertEquals([blank, title], [
          "",
          `3dEye provisioning diagnostics for ${id("caseMismatch")}`,
        ]);
        assertMatch(r.stdout, /WARN +3dEye has this email with different letter case/);
      },
    );

    await t.step("--json with one user prints exactly their report", async () => {
      const r = await runCli([" grace@example.com ", ...creds, "--json"]);
      assertEquals(r.code, 0, r.stderr);
      const report = ThreedeyeDiagnosticsSchema.parse(JSON.parse(r.stdout));
      assertEquals(report.userId, id("withRecovery"));
    });

    await t.step("an email several users share lists them and exits 6", async () => {
      const r = await runCli(["alice@example.com", ...creds]);
      assertEquals(r.code, 6, r.stderr);
      assertEquals(r.stdout.split("\n"), [
        "2 users have the email alice@example.com (ASCII letter case ignored), oldest first:",
        "",
        "  userId                                email              3dEye mapping  created",
        `  ${id("healthy")}  alice@example.com  yes            2026-01-05T09:58:00.000Z`,
        `  ${id("sharedEmail")}  Alice@Example.com  no             2026-06-02T10:00:00.000Z`,
        "",
        "Diagnose one of them: deno task diagnose <userId>",
      ]);
      const colored = await runCli(["alice@example.com", ...creds], {}, true);
      assertStringIncludes(colored.stdout, "\x1b[1m2 users have the email");
    });

    await t.step("--json with several users prints the search answer", async () => {
      const r = await runCli(["ALICE@EXAMPLE.COM", ...creds, "--json"]);
      assertEquals(r.code, 6, r.stderr);
      const answer = ThreedeyeUserSearchSchema.parse(JSON.parse(r.stdout));
      assertEquals(answer.candidates.map((c) => [c.userId, c.hasThreedeyeMapping]), [
        [id("healthy"), true],
        [id("sharedEmail"), false],
      ]);
    });

    await t.step("an email nobody has says so and exits 5, in text and JSON", async () => {
      const r = await runCli(["nobody@example.com", ...creds]);
      assertEquals([r.code, r.stdout], [
        5,
        "No user has the email nobody@example.com (ASCII letter case ignored).",
      ]);
      const json = await runCli(["nobody@example.com", ...creds, "--json"]);
      assertEquals(json.code, 5);
      assertEquals(JSON.parse(json.stdout), {
        email: "nobody@example.com",
        candidates: [],
        limit: 20,
        truncated: false,
      });
    });

    await t.step("a malformed email exits 4 with the 400 envelope", async () => {
      const r = await runCli(["alice@", ...creds]);
      assertEquals(r.code, 4);
      assertStringIncludes(
        r.stderr,
        "400 Bad Request: Invalid query parameter email: must be an email address",
      );
    });

    await t.step("usage errors exit 3", async () => {
      const r = await runCli([id("healthy"), "--url", stack.baseUrl]);
      assertEquals(r.code, 3);
      assertStringIncludes(r.stderr, "Missing admin key");
    });

    await t.step("the real command line: deno run apps/cli/main.ts", async () => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-net",
          "--allow-env",
          new URL("../main.ts", import.meta.url).pathname,
          id("orphanedRemote"),
          "--json",
        ],
        env: {
          SPKEY_URL: stack.baseUrl,
          SPKEY_ADMIN_KEY: stack.adminApiKey,
          SPKEY_JWT: jwt,
          NO_COLOR: "1",
        },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(output.code, 2, new TextDecoder().decode(output.stderr));
      const report = JSON.parse(new TextDecoder().decode(output.stdout));
      assertEquals([report.mapping.remoteAccountExists, report.remote.match], [false, false]);
    });

    await t.step("the real command line with an email several users share exits 6", async () => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-net",
          "--allow-env",
          new URL("../main.ts", import.meta.url).pathname,
          "Alice@Example.com",
          "--json",
        ],
        env: { SPKEY_URL: stack.baseUrl, SPKEY_ADMIN_KEY: stack.adminApiKey, SPKEY_JWT: jwt },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(output.code, 6, new TextDecoder().decode(output.stderr));
      const answer = JSON.parse(new TextDecoder().decode(output.stdout));
      assertEquals(answer.candidates.length, 2);
    });
  } finally {
    await stack.close();
  }
});

Deno.test("an unreachable service exits 4 naming the URL", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const r = await runCli([
    "11111111-1111-4111-8111-111111111111",
    "--url",
    `http://127.0.0.1:${port}`,
    "--key",
    "k".repeat(20),
    "--jwt",
    "j",
  ]);
  assertEquals(r.code, 4);
  assertStringIncludes(r.stderr, `Could not reach http://127.0.0.1:${port}`);
});
