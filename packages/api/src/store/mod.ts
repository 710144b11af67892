/**
 * `@spkey/api/store`: the diagnostics store on its own, SQL written once over any
 * {@linkcode SqlExecutor}: built, traced, its round trips counted, and the search statement
 * (whose query plan the runtime tests check). `createServices` builds the app's store; this entry
 * is for wrapping it (`traceDiagnosticsStore`) and for measuring it. Runtime-neutral (no
 * `node:sqlite`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countRoundTrips, createDiagnosticsStore } from "@spkey/api/store";
 * const counter = countRoundTrips({ batch: (s) => Promise.resolve(s.map(() => [])) });
 * const store = createDiagnosticsStore(counter.executor);
 * const snapshot = await store.readUserSnapshot("99999999-9999-4999-8999-999999999999");
 * assertEquals([snapshot.user, counter.count()], [null, 1]);
 * ```
 *
 * @module
 */
export { createDiagnosticsStore } from "./diagnostics_store.ts";
export { type DatabaseSystem, traceDiagnosticsStore } from "./traced_store.ts";
export { countRoundTrips, type RoundTripCounter } from "./round_trips.ts";
export { usersByEmailStatement } from "./statements.ts";
