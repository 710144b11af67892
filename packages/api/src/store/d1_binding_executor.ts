/**
 * The {@linkcode SqlExecutor} over a Cloudflare Workers D1 binding (`env.DB`): every call is ONE
 * `db.batch(...)`, which D1 runs as one implicit transaction in one round trip.
 *
 * The D1 types are declared here structurally (only what is used) so the shared package does not
 * depend on `@cloudflare/workers-types` and stays free of runtime-specific imports.
 *
 * Read replication (`db.withSession(...)`) is deliberately not used: a diagnostics request issues a
 * single batch, so a session would add no read-your-writes guarantee, while an unconstrained
 * replica read could show an engineer a row that was fixed seconds ago on the primary.
 *
 * @module
 */
import {
  type SqlExecutor,
  type SqlRow,
  type SqlStatement,
  StoreUnavailableError,
} from "../domain.ts";

/** A value D1 accepts as a bound parameter (the subset our statements use). */
export type D1Value = string | number | null;

/** The part of a D1 prepared statement this executor uses. */
export interface D1PreparedStatement {
  bind(...values: D1Value[]): D1PreparedStatement;
}

/** The part of a D1 statement result this executor uses. */
export interface D1Result {
  results?: unknown[];
  success?: boolean;
}

/** The part of the Workers D1 binding (`D1Database`) this executor uses. */
export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
}

/**
 * Creates a {@linkcode SqlExecutor} that sends each `batch` as one D1 batch over `db`.
 *
 * @param db The D1 binding, e.g. `env.DB` in a Worker.
 * @returns An executor whose failures reject with {@linkcode StoreUnavailableError}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createD1BindingExecutor } from "./d1_binding_executor.ts";
 * const db = {
 *   prepare: (_sql: string) => ({ bind() { return this; } }),
 *   batch: (stmts: unknown[]) => Promise.resolve(stmts.map(() => ({ results: [{ one: 1 }] }))),
 * };
 * const [rows] = await createD1BindingExecutor(db).batch([{ sql: "SELECT 1 AS one", params: [] }]);
 * assertEquals(rows, [{ one: 1 }]);
 * ```
 */
export function createD1BindingExecutor(db: D1Database): SqlExecutor {
  return {
    async batch(statements: ReadonlyArray<SqlStatement>): Promise<SqlRow[][]> {
      // D1 rejects an empty batch; nothing to read is an empty answer, not an outage.
      if (statements.length === 0) return [];
      let results: D1Result[];
      try {
        const prepared = statements.map((s) => db.prepare(s.sql).bind(...s.params));
        results = await db.batch(prepared);
      } catch (cause) {
        // D1's own message may quote SQL; the error names only a known category (it reaches the
        // operator's log line), and the cause keeps the original.
        throw new StoreUnavailableError(failureMessage(cause), { cause });
      }
      return toRowArrays(results, statements.length);
    },
  };
}

const MISSING_SCHEMA = /no such (table|column)/i;

function failureMessage(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return MISSING_SCHEMA.test(text)
    ? "Reading from D1 failed: the schema is missing (are the migrations applied?)"
    : "Reading from D1 failed";
}

function toRowArrays(results: unknown, expected: number): SqlRow[][] {
  if (!Array.isArray(results) || results.length !== expected) {
    throw new StoreUnavailableError(
      "Reading from D1 failed: the batch answered an unexpected shape",
    );
  }
  return results.map((result: D1Result) => {
    if (result?.success === false) {
      throw new StoreUnavailableError("Reading from D1 failed: a statement did not succeed");
    }
    const rows = result?.results ?? [];
    if (!Array.isArray(rows)) {
      throw new StoreUnavailableError(
        "Reading from D1 failed: the batch answered an unexpected shape",
      );
    }
    return rows as SqlRow[];
  });
}
