/**
 * `node:sqlite` with types for the part this package uses. The workspace pins `@types/node` 20,
 * which predates `node:sqlite` (Deno implements it at runtime), so the import is untyped here and
 * typed by the interfaces below. Replace with a plain `import … from "node:sqlite"` once
 * `@types/node` is 22.5 or later.
 *
 * @module
 */
// @ts-ignore: @types/node 20 has no node:sqlite declarations; the interfaces below type it.
import { DatabaseSync as NodeDatabaseSync } from "node:sqlite";

/** A value SQLite can bind. */
export type SQLInputValue = null | number | bigint | string | Uint8Array;

/** A prepared statement. */
export interface StatementSync {
  all(...params: SQLInputValue[]): Record<string, unknown>[];
  get(...params: SQLInputValue[]): Record<string, unknown> | undefined;
  run(...params: SQLInputValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  columns(): Array<{ name: string }>;
}

/** A synchronous SQLite connection. */
export interface DatabaseSync {
  readonly isTransaction: boolean;
  exec(sql: string): void;
  prepare(sql: string): StatementSync;
  close(): void;
}

/** Opens a connection (`readOnly` uses SQLITE_OPEN_READONLY). */
export const DatabaseSync: new (
  path: string,
  options?: { readOnly?: boolean },
) => DatabaseSync = NodeDatabaseSync;
