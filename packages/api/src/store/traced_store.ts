/**
 * A {@linkcode DiagnosticsStore} whose every read is a span: `database readUserSnapshot`,
 * `database findUsersByEmail`, `database ping`, with the database system, the statements in the
 * round trip and the rows that came back. The executor's own upstream call (D1 over HTTP) nests
 * under it. The parameters (a user id, an email) and the SQL's values are never recorded.
 *
 * @module
 */
import type { SpanAttributes, Tracer } from "@spkey/contracts/upstream";
import type { DiagnosticsStore } from "../domain.ts";
import { userSnapshotStatements } from "./statements.ts";

/** The `db.system.name` values of the executors: SQLite file, or Cloudflare D1 (binding or HTTP). */
export type DatabaseSystem = "sqlite" | "cloudflare_d1";

/** The snapshot is one batch of this many statements (user, mapping, recovery). */
const SNAPSHOT_STATEMENTS = userSnapshotStatements("").length;

/**
 * Wraps `store` so each read is a span of `tracer`.
 *
 * @param store The store to trace.
 * @param tracer Where the spans go.
 * @param system The database behind the store, for `db.system.name`.
 * @returns A store with the same answers and errors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { recordingTracer } from "@spkey/testkit";
 * import { traceDiagnosticsStore } from "./traced_store.ts";
 * const tracer = recordingTracer();
 * const store = traceDiagnosticsStore({
 *   readUserSnapshot: () => Promise.resolve({ user: { id: "u1", email: null }, mapping: null, recovery: null }),
 *   findUsersByEmail: () => Promise.resolve({ candidates: [], truncated: false }),
 *   ping: () => Promise.resolve(),
 * }, tracer, "sqlite");
 * await store.readUserSnapshot("u1");
 * assertEquals(tracer.spans.map((s) => [s.name, s.attributes["db.response.returned_rows"]]), [
 *   ["database readUserSnapshot", 1],
 * ]);
 * ```
 */
export function traceDiagnosticsStore(
  store: DiagnosticsStore,
  tracer: Tracer,
  system: DatabaseSystem,
): DiagnosticsStore {
  const read = (operation: string, statements: number): SpanAttributes => ({
    "db.system.name": system,
    "db.operation.name": operation,
    "db.operation.batch.size": statements,
  });
  return {
    readUserSnapshot: (userId) =>
      tracer.inSpan(
        "database readUserSnapshot",
        read("readUserSnapshot", SNAPSHOT_STATEMENTS),
        async (span) => {
          const snapshot = await store.readUserSnapshot(userId);
          const rows = [snapshot.user, snapshot.mapping, snapshot.recovery];
          span.setAttributes({
            "db.response.returned_rows": rows.filter((row) => row !== null).length,
          });
          return snapshot;
        },
      ),
    findUsersByEmail: (email, limit) =>
      tracer.inSpan("database findUsersByEmail", read("findUsersByEmail", 1), async (span) => {
        const result = await store.findUsersByEmail(email, limit);
        span.setAttributes({ "db.response.returned_rows": result.candidates.length });
        return result;
      }),
    ping: () => tracer.inSpan("database ping", read("ping", 1), () => store.ping()),
  };
}
