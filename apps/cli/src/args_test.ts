import { assertEquals, assertThrows } from "@std/assert";
import { parseDiagnoseArgs, UsageError } from "./args.ts";

const ID = "11111111-1111-4111-8111-111111111111";
const noEnv = () => undefined;

Deno.test("parseDiagnoseArgs reads flags and defaults", () => {
  const opts = parseDiagnoseArgs([ID, "--key", "k", "--jwt", "j"], noEnv, true);
  assertEquals(opts, {
    subject: { kind: "userId", userId: ID },
    baseUrl: "http://127.0.0.1:8787",
    adminKey: "k",
    jwt: "j",
    json: false,
    color: true,
    timeoutMs: 10_000,
  });
});

Deno.test("parseDiagnoseArgs falls back to the environment and flags win over it", () => {
  const env = (name: string) =>
    ({ SPKEY_URL: "http://env.example:1/", SPKEY_ADMIN_KEY: "envkey", SPKEY_JWT: "envjwt" })[
      name
    ];
  const fromEnv = parseDiagnoseArgs([ID], env, false);
  assertEquals(fromEnv !== "help" && [fromEnv.baseUrl, fromEnv.adminKey, fromEnv.jwt], [
    "http://env.example:1",
    "envkey",
    "envjwt",
  ]);
  const flagged = parseDiagnoseArgs([ID, "--key", "flagkey", "--url", "http://x:2"], env, false);
  assertEquals(flagged !== "help" && [flagged.baseUrl, flagged.adminKey], [
    "http://x:2",
    "flagkey",
  ]);
});

Deno.test("parseDiagnoseArgs turns colour off for --no-color, NO_COLOR and pipes", () => {
  const base = [ID, "--key", "k", "--jwt", "j"];
  const color = (argv: string[], env: (n: string) => string | undefined, tty: boolean) => {
    const o = parseDiagnoseArgs(argv, env, tty);
    return o === "help" ? null : o.color;
  };
  assertEquals(color([...base, "--no-color"], noEnv, true), false);
  assertEquals(color(base, (n) => (n === "NO_COLOR" ? "1" : undefined), true), false);
  assertEquals(color(base, noEnv, false), false);
});

Deno.test("parseDiagnoseArgs reads an argument with @ as an email to search, trimmed", () => {
  const subject = (argument: string) => {
    const opts = parseDiagnoseArgs([argument, "--key", "k", "--jwt", "j"], noEnv, false);
    return opts === "help" ? null : opts.subject;
  };
  assertEquals(subject(" Alice@Example.com "), { kind: "email", email: "Alice@Example.com" });
  // Left to the service to refuse (400), so the command and the API agree on what is an email.
  assertEquals(subject("not@an@email"), { kind: "email", email: "not@an@email" });
  assertEquals(subject("not-a-uuid"), { kind: "userId", userId: "not-a-uuid" });
});

Deno.test("parseDiagnoseArgs answers help", () => {
  assertEquals(parseDiagnoseArgs(["--help"], noEnv, false), "help");
  assertEquals(parseDiagnoseArgs(["-h"], noEnv, false), "help");
});

for (
  const [name, argv, message] of [
    ["no user id", ["--key", "k", "--jwt", "j"], "Expected exactly one <userId|email>"],
    ["two user ids", [ID, ID, "--key", "k", "--jwt", "j"], "Expected exactly one <userId|email>"],
    ["no key", [ID, "--jwt", "j"], "Missing admin key"],
    ["no jwt", [ID, "--key", "k"], "Missing JWT"],
    ["bad url", [ID, "--key", "k", "--jwt", "j", "--url", "not a url"], "--url is not a valid"],
    ["bad timeout", [ID, "--key", "k", "--jwt", "j", "--timeout", "soon"], "--timeout must be"],
    ["unknown flag", [ID, "--key", "k", "--jwt", "j", "--bogus"], "bogus"],
  ] as const
) {
  Deno.test(`parseDiagnoseArgs rejects ${name}`, () => {
    assertThrows(() => parseDiagnoseArgs([...argv], noEnv, false), UsageError, message);
  });
}
