// Sums Deno's per-suite summary lines ("ok | 12 passed (3 steps) | 0 failed") from a test log
// into the one plain line CI reads: "N passed, N failed".
import { readFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const [logPath, exitCodeArg] = process.argv.slice(2);
const log = stripVTControlCharacters(readFileSync(logPath, "utf8"));
let passed = 0;
let failed = 0;
let suites = 0;
for (
  const m of log.matchAll(/\b(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)
) {
  passed += Number(m[1]);
  failed += Number(m[2]);
  suites += 1;
}
const exitCode = Number(exitCodeArg ?? 0);
// A suite that crashed before printing its summary (type error, missing file) still fails CI.
if (exitCode !== 0 && failed === 0) failed = 1;
console.error(`(${suites} suite summaries read, test command exit code ${exitCode})`);
console.log(`${passed} passed, ${failed} failed`);
