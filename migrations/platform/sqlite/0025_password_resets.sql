-- Forgotten passwords: a one-time link by mail (its code stored only as a SHA-256 digest), valid
-- one hour, used once. Resetting a password ends the account's other sessions: each session
-- remembers the account's `session_epoch` at login, and a reset raises it.
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);

ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
