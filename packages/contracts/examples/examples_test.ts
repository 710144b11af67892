// The sibling-service examples run for real: Node 20 (through the package's `node` export
// condition, i.e. the built dist/) and Deno, each validating reports and calling the Turnkey
// stand-in, which verifies their X-Stamp headers.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { startTurnkeyStandin, turnkeyDemoUser, turnkeyStandinApiKey } from "@spkey/testkit";
import { build } from "../scripts/build.ts";

const healthyReport = {
  userId: "11111111-1111-4111-8111-111111111111",
  user: { found: true, email: "alice@example.com" },
  mapping: {
    found: true,
    threedeyeUserId: "td-1001",
    hasPassword: true,
    createdAt: "2026-01-05T10:00:00.000Z",
    remoteAccountExists: true,
  },
  recovery: { found: false, roleIds: [] },
  remote: {
    configured: true,
    customerId: "cust-demo-001",
    customerUserCount: 10,
    emailPresentInCustomer: true,
    match: true,
    sampleEmails: ["alice@example.com"],
    error: null,
  },
};
// The reference's placeholder text, as a careless producer might send it.
const placeholderReport = { ...healthyReport, user: { found: true, email: "null" } };

async function runExample(
  command: string,
  args: string[],
  input: unknown,
  env: Record<string, string>,
): Promise<Record<string, unknown>> {
  const child = new Deno.Command(command, {
    args,
    env,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const output = await child.output();
  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 0, stderr);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test("the Node 20 and Deno sibling examples validate reports and stamp Turnkey requests", async (t) => {
  await build();
  const standin = await startTurnkeyStandin();
  try {
    const env = {
      TURNKEY_API_BASE: standin.url,
      TURNKEY_API_PUBLIC_KEY: turnkeyStandinApiKey.apiPublicKey,
      TURNKEY_API_PRIVATE_KEY: turnkeyStandinApiKey.apiPrivateKey,
      TURNKEY_ORGANIZATION_ID: standin.organizationId,
      TURNKEY_USER_ID: turnkeyDemoUser.userId,
      NO_COLOR: "1",
    };
    const runners = {
      node: ["node", [new URL("./node_sibling.mjs", import.meta.url).pathname]],
      deno: [Deno.execPath(), [
        "run",
        "--allow-net",
        "--allow-env",
        "--allow-read",
        new URL("./deno_sibling.ts", import.meta.url).pathname,
      ]],
    } as const;
    for (const [name, [command, args]] of Object.entries(runners)) {
      await t.step(
        `${name}: a valid report is explained and the stamped call succeeds`,
        async () => {
          const before = standin.requests;
          const out = await runExample(command, [...args], healthyReport, env);
          assertStringIncludes(String(out.runtime), name === "node" ? "node 20." : "deno ");
          assertEquals(out.reportValid, true);
          assertEquals(out.findings, ["all_good"]);
          assertEquals(out.turnkeyUser, {
            userName: turnkeyDemoUser.userName,
            authenticators: turnkeyDemoUser.authenticators.length,
          });
          assertEquals(standin.requests, before + 1);
        },
      );
      await t.step(
        `${name}: the "null" placeholder is rejected, a foreign key gets 401`,
        async () => {
          const out = await runExample(command, [...args], placeholderReport, {
            ...env,
            // A valid key pair the stand-in does not trust (Turnkey's SDK fixture).
            TURNKEY_API_PUBLIC_KEY:
              "02f739f8c77b32f4d5f13265861febd76e7a9c61a1140d296b8c16302508870316",
            TURNKEY_API_PRIVATE_KEY:
              "487f361ddfd73440e707f4daa6775b376859e8a3c9f29b3bb694a12927c0213c",
          });
          assertEquals(out.reportValid, false);
          assertEquals(out.issues, ["user.email"]);
          const error = out.turnkeyError as { status: number; turnkeyErrorCode: string | null };
          assertEquals(error.status, 401);
          assert(error.turnkeyErrorCode, "a turnkeyErrorCode to branch on");
        },
      );
    }
  } finally {
    await standin.close();
  }
});
