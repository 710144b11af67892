/**
 * The diagnostics store: SQL written once, run by a small executor per runtime. This entry is
 * runtime-neutral (fetch only); the SQLite executor and the local migrator need `node:sqlite`
 * and live in `@spkey/api/sqlite` (see `sqlite.ts`).
 *
 * @module
 */
export { createDiagnosticsStore } from "./diagnostics_store.ts";
export { type DatabaseSystem, traceDiagnosticsStore } from "./traced_store.ts";
export { createD1HttpExecutor, type D1HttpExecutorOptions } from "./d1_http_executor.ts";
export {
  createD1BindingExecutor,
  type D1Database,
  type D1PreparedStatement,
  type D1Result,
  type D1Value,
} from "./d1_binding_executor.ts";
export { countRoundTrips, type RoundTripCounter } from "./round_trips.ts";
export { normaliseTimestamp, parseRoleIds } from "./records.ts";
export {
  MAX_USER_SEARCH_LIMIT,
  PING,
  SELECT_MAPPING,
  SELECT_RECOVERY,
  SELECT_USER,
  usersByEmailStatement,
  userSnapshotStatements,
} from "./statements.ts";
