// `.ci/run` ends with the line `.ci/summary.mjs` prints: every suite's failures count, and a
// command that failed without a summary line still counts as one failure.
import { assertEquals } from "@std/assert";

const SUMMARY = new URL("./summary.mjs", import.meta.url).pathname;

async function summarize(log: string, exitCode: number): Promise<string> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/test.log`, log);
    const { stdout } = await new Deno.Command("node", {
      args: [SUMMARY, `${dir}/test.log`, String(exitCode)],
      stdout: "piped",
      stderr: "null",
    }).output();
    return new TextDecoder().decode(stdout).trim();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the summary sums every suite's line, coloured or not, failed suites included", async () => {
  const log = [
    "//:gates: \x1b[0m\x1b[31mFAILED\x1b[0m | 8 passed | 2 failed (40s)",
    "@spkey/contracts:test: ok | 120 passed (3 steps) | 0 failed (9s)",
    "@spkey/api:test: \x1b[32mok\x1b[0m | 300 passed | 0 failed (1m)",
  ].join("\n");
  assertEquals(await summarize(log, 1), "428 passed, 2 failed");
});

Deno.test("a failed command without any failed test still fails the summary", async () => {
  assertEquals(await summarize("ok | 5 passed | 0 failed (1s)\n", 0), "5 passed, 0 failed");
  assertEquals(await summarize("ok | 5 passed | 0 failed (1s)\n", 1), "5 passed, 1 failed");
});
