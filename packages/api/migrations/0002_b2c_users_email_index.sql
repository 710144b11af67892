-- Migration 0002: an index for the user search by email (GET /admin/threedeye/users?email=).
-- The search compares `email = ? COLLATE NOCASE` (ASCII letters case-insensitive); an index
-- declared with the same collation is what lets SQLite and D1 seek instead of scanning every row.
-- Without it the search still answers correctly, only by a full scan of b2c_users.
-- Applied like 0001: `wrangler d1 migrations apply` and the local migrator (`migrateSqlite`).

CREATE INDEX IF NOT EXISTS b2c_users_email_nocase ON b2c_users (email COLLATE NOCASE);
