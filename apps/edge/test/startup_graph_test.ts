/**
 * What a cold start of the Deno entry evaluates: every module `main.ts` reaches through static
 * imports (ES modules evaluate their whole static graph before the entry runs). Read from
 * `deno info --json`, Deno's own module graph, so the check needs no hook in the service. What
 * the first diagnostics request does not need must be reached only through a dynamic `import()`:
 * the Turnkey signer and `@noble/curves` (first Turnkey lookup), the SQLite migrator and the
 * `node:fs` polyfills (first run on a new file), the widget reader (first `/widget.js`).
 */
import { assert, assertEquals } from "@std/assert";

const MAIN = new URL("../main.ts", import.meta.url);
const REPO = new URL("../../../", import.meta.url).href;

interface GraphDependency {
  code?: { specifier?: string };
  isDynamic?: boolean;
}
interface ModuleGraph {
  roots: string[];
  modules: Array<{ specifier: string; dependencies?: GraphDependency[] }>;
}

async function moduleGraph(entry: URL): Promise<ModuleGraph> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry.pathname],
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  }).output();
  assertEquals(code, 0, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

/** The modules reached from the roots through static imports, and those reached only dynamically. */
function reachable(graph: ModuleGraph): { atStart: Set<string>; deferred: Set<string> } {
  const byName = new Map(graph.modules.map((m) => [m.specifier, m]));
  const atStart = new Set<string>();
  const deferred = new Set<string>();
  const pending = [...graph.roots];
  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (atStart.has(specifier)) continue;
    atStart.add(specifier);
    for (const dependency of byName.get(specifier)?.dependencies ?? []) {
      const target = dependency.code?.specifier;
      if (target === undefined) continue;
      if (dependency.isDynamic) deferred.add(target);
      else pending.push(target);
    }
  }
  for (const specifier of atStart) deferred.delete(specifier);
  return { atStart, deferred };
}

const short = (specifier: string) => specifier.replace(REPO, "");

Deno.test("a cold start of main.ts evaluates neither the Turnkey signer, noble, node:fs nor the widget reader", async () => {
  const { atStart, deferred } = reachable(await moduleGraph(MAIN));
  const evaluated = [...atStart].map(short);
  const unwanted = [
    /^packages\/contracts\/src\/stamp\//,
    /^node_modules\/@noble\//,
    /^node:(fs|path|url)(\/|$)/,
    /^packages\/api\/src\/store\/migrate_sqlite\.ts$/,
    /^apps\/widget\//,
  ];
  assertEquals(evaluated.filter((m) => unwanted.some((pattern) => pattern.test(m))), []);
  // The walk sees what a cold start does need, and the deferred modules behind their imports.
  for (
    const needed of [
      "packages/api/src/app.ts",
      "packages/api/src/store/sqlite_executor.ts",
      "node_modules/zod/index.js",
      "node_modules/@hono/zod-openapi/dist/index.mjs",
    ]
  ) {
    assert(evaluated.includes(needed), `${needed} not in the start-up graph`);
  }
  assertEquals([...deferred].map(short).sort(), [
    "apps/widget/mod.ts",
    "packages/api/src/store/sqlite.ts",
    "packages/contracts/src/stamp/mod.ts",
  ]);
});
