// The Python example runs for real, on Debian's python3-jsonschema (the system Python,
// /usr/bin/python3; `bash .ci/run` installs it with apt): it must accept a report, reject the
// seed's "null" placeholders at the fields zod names, and give zod's verdict on the shared table
// of payloads, except where Python's regular expressions are known to read a pattern otherwise.
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { SCHEMAS_DIR } from "../../scripts/json_schemas.ts";
import { SCHEMA_CASES, SEED_REPORT_FAULTS, validReport } from "../../test/json_schema_cases.ts";

const PYTHON = "/usr/bin/python3";
const SCRIPT = new URL("./validate_report.py", import.meta.url).pathname;
const SEED_REPORT = new URL("../../test/reference/seed_diagnostics_report.json", import.meta.url)
  .pathname;

async function python(args: string[]) {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(PYTHON, {
      args: ["-B", ...args],
      stdout: "piped",
      stderr: "piped",
    })
      .output();
  } catch (error) {
    throw new Error(
      `${PYTHON} cannot run (${error}): install Debian's python3 and python3-jsonschema`,
    );
  }
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
}

// Fails every test below with one clear line when the validator is missing: nothing is skipped.
const probe = await python(["-c", "import jsonschema"]);
const missing = probe.code === 0 ? undefined : new Error(
  `python3-jsonschema is not installed for ${PYTHON}: apt-get install python3-jsonschema ` +
    `(bash .ci/run installs it)\n${probe.stderr}`,
);

/** Verdicts and problem paths per file, parsed from the example's output. */
function parseOutput(stdout: string): Map<string, { valid: boolean; faults: string[] }> {
  const results = new Map<string, { valid: boolean; faults: string[] }>();
  let current: { valid: boolean; faults: string[] } | undefined;
  for (const line of stdout.split("\n").filter((l) => l !== "")) {
    const problem = line.match(/^ {2}(\S+): /);
    if (problem) {
      current!.faults.push(problem[1]);
      continue;
    }
    const verdict = line.match(/^(.*): (valid|invalid)$/);
    assert(verdict, `unexpected output line: ${line}`);
    current = { valid: verdict[2] === "valid", faults: [] };
    results.set(verdict[1], current);
  }
  return results;
}

async function writePayloads(dir: string, payloads: unknown[]): Promise<string[]> {
  return await Promise.all(payloads.map(async (payload, i) => {
    const path = join(dir, `payload-${i}.json`);
    await Deno.writeTextFile(path, JSON.stringify(payload));
    return path;
  }));
}

Deno.test('the Python example accepts a report and rejects the seed\'s "null" placeholders at the fields zod names', async () => {
  if (missing) throw missing;
  const dir = await Deno.makeTempDir({ prefix: "spkey-python-example-" });
  try {
    const [report] = await writePayloads(dir, [validReport()]);
    const accepted = await python([SCRIPT, report]);
    assertEquals(accepted.code, 0, accepted.stdout + accepted.stderr);
    assertEquals(accepted.stdout, `${report}: valid\n`);

    const both = await python([SCRIPT, report, SEED_REPORT]);
    assertEquals(both.code, 1, both.stdout + both.stderr);
    const results = parseOutput(both.stdout);
    assertEquals(results.get(report), { valid: true, faults: [] });
    const seed = results.get(SEED_REPORT)!;
    assertEquals(seed.valid, false);
    assertEquals([...new Set(seed.faults)], SEED_REPORT_FAULTS);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Python's jsonschema gives zod's verdict on the shared table, but where its `$` and `\\s` read otherwise", async () => {
  if (missing) throw missing;
  const dir = await Deno.makeTempDir({ prefix: "spkey-python-cases-" });
  try {
    const wrong: string[] = [];
    for (const file of new Set(SCHEMA_CASES.map((c) => c.file))) {
      const cases = SCHEMA_CASES.filter((c) => c.file === file);
      const paths = await writePayloads(dir, cases.map((c) => c.value));
      const run = await python([SCRIPT, "--schema", join(SCHEMAS_DIR, file), ...paths]);
      assertEquals(run.stderr, "", file);
      const results = parseOutput(run.stdout);
      cases.forEach(({ name, valid, notExpressed, pythonDiffers }, i) => {
        const jsonSchema = notExpressed === undefined ? valid : !valid;
        const expected = pythonDiffers === undefined ? jsonSchema : !jsonSchema;
        const verdict = results.get(paths[i])?.valid;
        if (verdict !== expected) wrong.push(`${file}: ${name}: Python says ${verdict}`);
      });
      for (const path of paths) await Deno.remove(path);
    }
    assertEquals(wrong, []);
    assertEquals(
      SCHEMA_CASES.filter((c) => c.pythonDiffers !== undefined).map((c) => c.name),
      [
        'user.email "null" and a newline',
        "a userId ending in a newline",
        "a userId ending in U+001C",
        "a userId starting with U+FEFF",
      ],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the published date-time pattern uses [0-9]: Python's \\d would match any Unicode digit", async () => {
  if (missing) throw missing;
  const check = `
import json, re, sys
schema = json.load(open(sys.argv[1]))
pattern = schema["$defs"]["DiagnosticsMapping"]["properties"]["createdAt"]["anyOf"][0]["pattern"]
value = "\\uff12\\uff10\\uff12\\uff16-03-01T09:30:00Z"  # 2026 in full-width digits
print(json.dumps([bool(re.search(pattern, value)), bool(re.search(pattern.replace("[0-9]", r"\\d"), value))]))
`;
  const run = await python([
    "-c",
    check,
    join(SCHEMAS_DIR, "diagnostics-report.schema.json"),
  ]);
  assertEquals(run.code, 0, run.stderr);
  assertEquals(JSON.parse(run.stdout), [false, true]);
});
