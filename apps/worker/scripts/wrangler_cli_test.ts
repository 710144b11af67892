import { assertMatch, assertRejects, assertStringIncludes } from "@std/assert";
import { runWrangler } from "./wrangler_cli.ts";

Deno.test("runWrangler runs the workspace's pinned wrangler and returns its output", async () => {
  assertMatch((await runWrangler(["--version"])).trim(), /^4\.86\.\d+$/);
});

Deno.test("runWrangler rejects a failing command, naming it and quoting wrangler", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const error = await assertRejects(
      () =>
        runWrangler([
          "d1",
          "execute",
          "NO_SUCH_BINDING",
          "--local",
          "--persist-to",
          dir,
          "--command",
          "SELECT 1",
        ]),
      Error,
      "Running wrangler d1 execute NO_SUCH_BINDING failed (exit 1)",
    );
    assertStringIncludes(error.message, "NO_SUCH_BINDING");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
