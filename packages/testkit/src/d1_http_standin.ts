/**
 * STAND-IN for Cloudflare D1's HTTP query API over a local SQLite file (Cloudflare cannot be
 * reached from these machines). Real HTTP on 127.0.0.1:
 *
 * `POST /client/v4/accounts/{accountId}/d1/database/{databaseId}/query` with
 * `Authorization: Bearer <apiToken>` and either `{ sql, params? }` or
 * `{ batch: [{ sql, params? }, …] }` → the v4 envelope `{ success, errors, messages, result }`
 * with one `{ results, success, meta }` per statement. A batch runs in one transaction, like D1.
 * Wrong token → 401, wrong account or database → 404, a SQL error → 400 with
 * `success: false`, all in Cloudflare's envelope.
 *
 * Faults: `down` (listener closed: connections refused) and `error` (500 envelope).
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { serveLoopback } from "./loopback_server.ts";

/** Options for {@linkcode startD1HttpStandin}. */
export interface D1HttpStandinOptions {
  /** The SQLite file standing in for the D1 database. */
  databasePath: string;
  accountId: string;
  databaseId: string;
  apiToken: string;
}

/** What the D1 stand-in can be told to do wrong; `null` clears it. */
export type D1HttpFault = null | "down" | "error";

/** A running D1 HTTP stand-in. */
export interface D1HttpStandin {
  /** The origin, e.g. `http://127.0.0.1:4123`. */
  readonly url: string;
  /** The API base to configure as `D1_API_BASE` (`{url}/client/v4`). */
  readonly apiBase: string;
  /** Live counters: every HTTP request, and how many of them were query calls that ran. */
  readonly counts: Readonly<{ requests: number; queries: number }>;
  resetCounts(): void;
  setFault(fault: D1HttpFault): Promise<void>;
  close(): Promise<void>;
}

interface Query {
  sql: string;
  params: SQLInputValue[];
}

/**
 * Starts the D1 HTTP stand-in over `databasePath` on an OS-chosen loopback port.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { startD1HttpStandin } from "@spkey/testkit";
 * const dir = Deno.makeTempDirSync();
 * const standin = startD1HttpStandin({
 *   databasePath: `${dir}/d1.sqlite`, accountId: "acc", databaseId: "db", apiToken: "t",
 * });
 * const res = await fetch(`${standin.apiBase}/accounts/acc/d1/database/db/query`, {
 *   method: "POST",
 *   headers: { authorization: "Bearer t" },
 *   body: JSON.stringify({ sql: "SELECT ? AS echo", params: ["hi"] }),
 * });
 * assertEquals((await res.json()).result[0].results[0].echo, "hi");
 * await standin.close();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function startD1HttpStandin(options: D1HttpStandinOptions): D1HttpStandin {
  const db = new DatabaseSync(options.databasePath);
  db.exec("PRAGMA foreign_keys = ON");
  const counts = { requests: 0, queries: 0 };
  let fault: D1HttpFault = null;
  const queryPath =
    `/client/v4/accounts/${options.accountId}/d1/database/${options.databaseId}/query`;

  async function handle(request: Request): Promise<Response> {
    counts.requests += 1;
    if (fault === "error") return envelopeError(500, 7500, "Internal error");
    const { pathname } = new URL(request.url);
    if (request.headers.get("authorization") !== `Bearer ${options.apiToken}`) {
      return envelopeError(401, 10000, "Authentication error");
    }
    if (request.method !== "POST" || pathname !== queryPath) {
      return envelopeError(404, 7404, "Could not route to the requested database");
    }
    let queries: Query[];
    try {
      queries = readQueries(await request.json());
    } catch {
      return envelopeError(400, 7400, "The request is malformed");
    }
    try {
      const result = runBatch(db, queries);
      counts.queries += 1;
      return Response.json({ success: true, errors: [], messages: [], result });
    } catch (error) {
      return envelopeError(400, 7500, `${(error as Error).message}: SQLITE_ERROR`);
    }
  }

  const server = serveLoopback(handle);
  return {
    url: server.url,
    apiBase: `${server.url}/client/v4`,
    counts,
    resetCounts() {
      counts.requests = 0;
      counts.queries = 0;
    },
    async setFault(next: D1HttpFault) {
      fault = next;
      if (next === "down") await server.stop();
      else server.start();
    },
    async close() {
      await server.close();
      db.close();
    },
  };
}

function readQueries(body: unknown): Query[] {
  const record = body as Record<string, unknown> | null;
  const list = Array.isArray(record?.batch) ? record.batch : [record];
  if (list.length === 0) throw new TypeError("empty batch");
  return list.map((entry) => {
    const { sql, params = [] } = (entry ?? {}) as { sql?: unknown; params?: unknown };
    if (typeof sql !== "string" || !Array.isArray(params)) throw new TypeError("bad query");
    return { sql, params: params as SQLInputValue[] };
  });
}

function runBatch(db: DatabaseSync, queries: Query[]): unknown[] {
  db.exec("BEGIN");
  try {
    const result = queries.map(({ sql, params }) => {
      const started = performance.now();
      const statement = db.prepare(sql);
      const reads = statement.columns().length > 0;
      const results = reads ? statement.all(...params).map((row) => ({ ...row })) : [];
      const changes = reads ? 0 : Number(statement.run(...params).changes);
      return {
        success: true,
        results,
        meta: {
          served_by: "d1-http-standin",
          duration: performance.now() - started,
          changes,
          changed_db: changes > 0,
          rows_read: results.length,
          rows_written: changes,
        },
      };
    });
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

function envelopeError(status: number, code: number, message: string): Response {
  return Response.json(
    { success: false, errors: [{ code, message }], messages: [], result: null },
    { status },
  );
}
