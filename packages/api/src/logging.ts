/**
 * Structured logs: one JSON line per request and one audit line per lookup or search. Lines carry
 * ids, routes, counts and the admin's JWT subject only: never secrets, tokens, keys, stamps,
 * passwords, emails or an upstream's error text (what a failure may add is decided in
 * `failure_log.ts`).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./app_env.ts";
import type { LogLevel } from "./config.ts";

/** Receives one structured log line. */
export type LogSink = (line: Record<string, unknown>) => void;

/** Writes a line at a level; lines below the configured level are dropped. */
export type Logger = (level: LogLevel, msg: string, fields: Record<string, unknown>) => void;

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON line on stdout: the default sink. */
export const consoleSink: LogSink = (line) => console.log(JSON.stringify(line));

/** A {@linkcode Logger} over `sink` that drops lines below `minLevel`. */
export function createLogger(sink: LogSink, minLevel: LogLevel): Logger {
  return (level, msg, fields) => {
    if (SEVERITY[level] < SEVERITY[minLevel]) return;
    sink({ level, msg, ...fields });
  };
}

/** The registered pattern that answered (e.g. `/admin/threedeye/users/:userId`), not the path. */
export function routePattern(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const handlerRoute = matchedRoutes(c).findLast((route) => route.method !== "ALL");
  return handlerRoute?.path ?? "(unmatched)";
}

/** What an admin did, for the audit trail: a lookup of one user, or a search by email. */
export type AuditEntry = LookupAuditEntry | SearchAuditEntry;

/** A lookup of one user an admin made. */
export interface LookupAuditEntry {
  action: "threedeye.lookup" | "turnkey.lookup";
  /** The looked-up user id (an opaque id, never an email). */
  userId: string;
  /** e.g. "found", "not_found", "error". */
  outcome: string;
}

/**
 * A search by email an admin made. The email itself is never logged (it is personal data and
 * guessable from any hash without a secret key); the matched user ids say what was disclosed.
 */
export interface SearchAuditEntry {
  action: "threedeye.search";
  /** "found", "not_found" or "error". */
  outcome: string;
  /** How many users the answer listed; null when the search failed. */
  matches: number | null;
  /** Whether more users matched than the answer listed. */
  truncated?: boolean;
  /** The listed users' ids (opaque ids), in answer order. */
  userIds?: string[];
}

/** Writes the audit line of one lookup or search, attributed to the admin's JWT subject. */
export function audit(
  log: Logger,
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  entry: AuditEntry,
): void {
  log("info", "audit", {
    ...entry,
    admin: c.get("adminSubject") ?? null,
    requestId: c.get("requestId"),
  });
}
