-- Migration 0001: the three tables the diagnostics store reads.
-- Applied in file-name order by `wrangler d1 migrations apply` and by the local migrator
-- (`migrateSqlite` in @spkey/api/sqlite), which both record applied files in `d1_migrations`.
-- No explicit BEGIN/COMMIT: D1 rejects them; each runner wraps a file in its own transaction.

CREATE TABLE IF NOT EXISTS b2c_users (
  id TEXT PRIMARY KEY,
  email TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS threedeye_users (
  user_id TEXT PRIMARY KEY REFERENCES b2c_users(id),
  threedeye_user_id TEXT NOT NULL,
  password TEXT,
  created_at TEXT NOT NULL
);

-- role_ids: a JSON array of strings, e.g. ["role-owner","role-viewer"].
CREATE TABLE IF NOT EXISTS threedeye_recovery (
  user_id TEXT PRIMARY KEY,
  role_ids TEXT NOT NULL,
  created_at TEXT NOT NULL
);
