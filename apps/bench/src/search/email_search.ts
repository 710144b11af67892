/**
 * The search by email on a users table of 100,000 rows, with and without migration 0002's NOCASE
 * index, in the same run: real SQLite (`node:sqlite`), the service's own store over its read-only
 * executor, so a timing is what one search costs in the database (HTTP and auth excluded; the
 * `http` section measures those). Both files hold the same rows: the indexed one is migrated
 * and filled, the other is a copy of it with every `b2c_users` index but the primary key dropped.
 *
 * The table: users `user000001@bulk.example.org` …, every 1,000th also signed up a second time in
 * upper case (a shared address), every other one with a mapping. The searches: seeded-random
 * users asked for in another letter case (exercising NOCASE), one in twenty a shared address (two
 * users), one in ten an address nobody has. Each variant gets a warm-up, then its timed searches; every search
 * is one round trip (counted) and its plan is recorded.
 *
 * @module
 */
import { countRoundTrips, createDiagnosticsStore, usersByEmailStatement } from "@spkey/api/store";
import { createSqliteExecutor, migrateSqlite } from "@spkey/api/sqlite";
import { DatabaseSync } from "node:sqlite";
import { percentile } from "../shared/stats.ts";

/** One variant's timings, in microseconds. */
export interface EmailSearchVariant {
  /** `b2c_users` indexes besides the primary key. */
  indexes: string[];
  /** SQLite's `EXPLAIN QUERY PLAN` of the search statement. */
  plan: string[];
  searches: number;
  /** Database round trips per search (counted at the executor). */
  roundTripsPerSearch: number;
  /** Candidates found over all timed searches (the same searches find the same users). */
  candidatesFound: number;
  micros: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/** Both variants over the same table. */
export interface EmailSearchFigures {
  users: number;
  mappings: number;
  sharedAddresses: number;
  buildMs: number;
  withIndex: EmailSearchVariant;
  withoutIndex: EmailSearchVariant;
  /** p50 without the index divided by p50 with it. */
  p50Speedup: number;
}

/** Options of {@linkcode measureEmailSearch}. */
export interface EmailSearchOptions {
  /** Distinct addresses in the table (default 100,000; the shared ones add rows on top). */
  users?: number;
  /** Timed searches on the indexed file (default 2,000). */
  indexedSearches?: number;
  /** Timed searches on the unindexed file, each a full scan (default 100). */
  scanSearches?: number;
}

const LIMIT = 20;
const SHARED_EVERY = 1_000;
const WARM_UP = 20;

/**
 * Builds both files and times the searches (about 10 s at the defaults on a 2-core machine).
 *
 * @throws {Error} When a search answers other than expected (a bench of a wrong query is none).
 */
export async function measureEmailSearch(
  options: EmailSearchOptions = {},
): Promise<EmailSearchFigures> {
  const users = options.users ?? 100_000;
  const dir = await Deno.makeTempDir({ prefix: "spkey-bench-search-" });
  try {
    const indexedPath = `${dir}/indexed.sqlite`;
    const scanPath = `${dir}/unindexed.sqlite`;
    const started = performance.now();
    const table = buildUsersTable(indexedPath, users);
    await Deno.copyFile(indexedPath, scanPath);
    dropEmailIndexes(scanPath);
    const buildMs = Math.round(performance.now() - started);

    const withIndex = await timeSearches(indexedPath, options.indexedSearches ?? 2_000, users);
    const withoutIndex = await timeSearches(scanPath, options.scanSearches ?? 100, users);
    if (!withIndex.plan.some((step) => step.includes("USING INDEX b2c_users_email_nocase"))) {
      throw new Error(`The indexed search does not use the index: ${withIndex.plan.join("; ")}`);
    }
    return {
      users,
      ...table,
      buildMs,
      withIndex,
      withoutIndex,
      p50Speedup: Math.round((withoutIndex.micros.p50 / withIndex.micros.p50) * 10) / 10,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The n-th user's address (1-based), in the letter case it is stored with. */
function address(n: number): string {
  return `user${String(n).padStart(6, "0")}@bulk.example.org`;
}

function userId(n: number, second = false): string {
  return `00000000-0000-4000-${second ? "9" : "8"}000-${String(n).padStart(12, "0")}`;
}

function buildUsersTable(path: string, users: number) {
  migrateSqlite(path);
  const db = new DatabaseSync(path);
  let mappings = 0;
  let sharedAddresses = 0;
  try {
    db.exec("BEGIN");
    const user = db.prepare("INSERT INTO b2c_users (id, email, created_at) VALUES (?, ?, ?)");
    const mapping = db.prepare(
      "INSERT INTO threedeye_users (user_id, threedeye_user_id, password, created_at) " +
        "VALUES (?, ?, ?, ?)",
    );
    const base = Date.UTC(2025, 0, 1);
    for (let n = 1; n <= users; n++) {
      const createdAt = new Date(base + n * 60_000).toISOString();
      user.run(userId(n), address(n), createdAt);
      if (n % 2 === 0) {
        mapping.run(userId(n), `td-${n}`, "bench-placeholder", createdAt);
        mappings += 1;
      }
      if (n % SHARED_EVERY === 0) {
        const later = new Date(base + (users + n) * 60_000).toISOString();
        user.run(userId(n, true), address(n).toUpperCase(), later);
        sharedAddresses += 1;
      }
    }
    db.exec("COMMIT");
    db.exec("ANALYZE");
  } finally {
    db.close();
  }
  return { mappings, sharedAddresses };
}

/** The `b2c_users` indexes other than SQLite's own (the primary key's). */
function emailIndexes(db: DatabaseSync): string[] {
  return db.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'b2c_users' " +
      "AND sql IS NOT NULL ORDER BY name",
  ).all().map((row) => String(row.name));
}

function dropEmailIndexes(path: string): void {
  const db = new DatabaseSync(path);
  try {
    for (const name of emailIndexes(db)) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    db.exec("ANALYZE");
  } finally {
    db.close();
  }
}

/** Seeded, so every run (and both variants) asks the same questions. */
function searchesFor(count: number, users: number): string[] {
  let state = 0x2545f491;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  return Array.from({ length: count }, (_, i) => {
    // One in twenty asks for a shared address (two users), one in ten for nobody.
    const n = i % 20 === 4 && users >= SHARED_EVERY
      ? SHARED_EVERY * ((next() % Math.floor(users / SHARED_EVERY)) + 1)
      : (next() % users) + 1;
    if (i % 10 === 9) return `nobody${n}@bulk.example.org`;
    // Another letter case than stored: `User000042@BULK.example.org`.
    const [local, domain] = address(n).split("@");
    return `U${local.slice(1)}@${domain.slice(0, 4).toUpperCase()}${domain.slice(4)}`;
  });
}

async function timeSearches(
  path: string,
  count: number,
  users: number,
): Promise<EmailSearchVariant> {
  const executor = createSqliteExecutor(path);
  try {
    const counter = countRoundTrips(executor);
    const store = createDiagnosticsStore(counter.executor);
    for (const email of searchesFor(WARM_UP, users)) await store.findUsersByEmail(email, LIMIT);
    counter.reset();
    const samples: number[] = [];
    let candidatesFound = 0;
    for (const email of searchesFor(count, users)) {
      const started = performance.now();
      const { candidates } = await store.findUsersByEmail(email, LIMIT);
      samples.push((performance.now() - started) * 1000);
      candidatesFound += candidates.length;
      const expected = email.startsWith("nobody")
        ? 0
        : Number(/(\d+)@/.exec(email)?.[1]) % SHARED_EVERY === 0
        ? 2
        : 1;
      if (candidates.length !== expected) {
        throw new Error(`Searching ${email} found ${candidates.length}, expected ${expected}`);
      }
    }
    const { sql, params } = usersByEmailStatement(address(1), LIMIT);
    const [planRows] = await executor.batch([{ sql: `EXPLAIN QUERY PLAN ${sql}`, params }]);
    const db = new DatabaseSync(path, { readOnly: true });
    let indexes: string[];
    try {
      indexes = emailIndexes(db);
    } finally {
      db.close();
    }
    const micros = (p: number) => Math.round(percentile(samples, p));
    return {
      indexes,
      plan: planRows.map((row) => String(row.detail)),
      searches: count,
      roundTripsPerSearch: counter.count() / count,
      candidatesFound,
      micros: {
        p50: micros(50),
        p90: micros(90),
        p99: micros(99),
        max: micros(100),
        mean: Math.round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
      },
    };
  } finally {
    executor.close();
  }
}
