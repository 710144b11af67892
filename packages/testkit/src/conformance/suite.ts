/**
 * THE HTTP conformance suite, written once against a base URL: every route, every status the
 * spec lists that a healthy deployment can show, the exact demo reports, headers, and the
 * bad-input matrix. Runners (the Deno server, the Worker in workerd, the in-process server in
 * `@spkey/api`'s tests)
 * start a server, describe it as a {@linkcode ConformanceTarget} and call
 * {@linkcode defineConformanceSuite}.
 *
 * Statuses that need a fault (429, 500, 502, 503 from the database, 504) are unit-tested with
 * fakes instead: a shared target cannot be broken on purpose.
 *
 * @example Register the suite from a runner
 * ```ts ignore
 * import { defineConformanceSuite } from "@spkey/testkit/conformance";
 * defineConformanceSuite("Deno server conforms", async () => {
 *   const server = await startMyServer();
 *   return { target: server.target, close: () => server.close() };
 * });
 * ```
 *
 * @module
 */
import type { ConformanceCase } from "./case.ts";
import { badInputCases } from "./cases_bad_input.ts";
import { routeCases } from "./cases_routes.ts";
import type { ConformanceTarget } from "./target.ts";

export type { ConformanceCase } from "./case.ts";
export type { ConformanceTarget } from "./target.ts";
export { BAD_INPUT_COUNT } from "./cases_bad_input.ts";

/** Every case, routes first, then the bad-input matrix. */
export function conformanceCases(): ConformanceCase[] {
  return [...routeCases, ...badInputCases];
}

/** Runs every case as a step of `t` against `target`. */
export async function runConformanceCases(
  t: Deno.TestContext,
  target: ConformanceTarget,
): Promise<void> {
  for (const c of conformanceCases()) {
    await t.step(c.name, () => c.run(target));
  }
}

/** A started server for the suite. */
export interface StartedTarget {
  target: ConformanceTarget;
  close(): Promise<void>;
}

/**
 * Registers one `Deno.test` named `name` that starts the target with `start`, runs every case as
 * a step, and closes the target whatever happens.
 */
export function defineConformanceSuite(
  name: string,
  start: () => Promise<StartedTarget>,
  options: { sanitizeResources?: boolean; sanitizeOps?: boolean } = {},
): void {
  Deno.test({
    name,
    ...options,
    async fn(t) {
      const started = await start();
      try {
        await runConformanceCases(t, started.target);
      } finally {
        await started.close();
      }
    },
  });
}
