/**
 * The served OpenAPI document checked by a tool nobody here wrote: Redocly CLI's `lint` with the
 * committed `redocly.yaml` (recommended ruleset, plus the probes' 4XX exemption), run by Node
 * offline with telemetry and the update check off.
 */
import { assert, assertEquals } from "@std/assert";
import { createRequire } from "node:module";
import { buildTestApp } from "../test/support/test_app.ts";

const CONFIG = new URL("../redocly.yaml", import.meta.url).pathname;
const REDOCLY_CLI = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

interface LintResult {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

async function servedDocument(): Promise<Record<string, unknown>> {
  const res = await buildTestApp().app.request("/openapi.json");
  assertEquals(res.status, 200);
  return await res.json();
}

/** Runs `redocly lint --format=json` on `document` in a scratch directory. */
async function lint(document: unknown): Promise<LintResult> {
  const dir = await Deno.makeTempDir({ prefix: "spkey-redocly-" });
  try {
    const file = `${dir}/openapi.json`;
    await Deno.writeTextFile(file, JSON.stringify(document, null, 2));
    const { code, stdout, stderr } = await new Deno.Command("node", {
      args: [REDOCLY_CLI, "lint", file, `--config=${CONFIG}`, "--format=json"],
      cwd: dir,
      clearEnv: true,
      env: {
        PATH: Deno.env.get("PATH") ?? "",
        // A scratch home: nothing of the CLI's (announcement or version caches) outlives the run.
        HOME: dir,
        REDOCLY_TELEMETRY: "off",
        REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
        NO_COLOR: "1",
      },
      stdin: "null",
    }).output();
    const out = new TextDecoder().decode(stdout);
    const start = out.indexOf("{");
    assert(
      start >= 0,
      `redocly printed no JSON (exit ${code}):\n${new TextDecoder().decode(stderr)}`,
    );
    return JSON.parse(out.slice(start));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function describe(problems: LintProblem[]): string {
  return problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)
    .join("\n");
}

Deno.test("Redocly lint (recommended) finds 0 errors and 0 warnings in GET /openapi.json", async () => {
  const result = await lint(await servedDocument());
  assertEquals(result.totals, { errors: 0, warnings: 0, ignored: 0 }, describe(result.problems));
});

Deno.test("the lint config still asks every operation but the probes for a 4XX response", async () => {
  // Proves the replacement rule is alive: strip the 4XXs of an admin operation and add a public
  // operation without one; only those two are reported, /healthz and /readyz stay exempt.
  const document = structuredClone(await servedDocument()) as {
    paths: Record<string, Record<string, { operationId: string; responses: object }>>;
  };
  const admin = document.paths["/admin/threedeye/users/{userId}"].get;
  admin.responses = Object.fromEntries(
    Object.entries(admin.responses).filter(([status]) => !status.startsWith("4")),
  );
  document.paths["/status"] = {
    get: { ...structuredClone(document.paths["/healthz"].get), operationId: "getStatus" },
  };
  const result = await lint(document);
  assertEquals(
    result.problems.map((p) => [p.ruleId, p.location[0].pointer]),
    [
      [
        "rule/operation-4xx-response-except-probes",
        "#/paths/~1admin~1threedeye~1users~1{userId}/get/responses",
      ],
      ["rule/operation-4xx-response-except-probes", "#/paths/~1status/get/responses"],
    ],
    describe(result.problems),
  );
});
