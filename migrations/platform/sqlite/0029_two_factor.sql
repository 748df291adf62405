-- Two-factor sign-in (TOTP, RFC 6238). One row per account that started enrolment: its secret
-- (base32; shown only while enrolment is pending, never after), whether it is pending or enabled,
-- and the last time step a code was accepted for, so a code cannot be used twice in its window.
CREATE TABLE two_factor (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'enabled')),
    created_at TEXT NOT NULL,
    enabled_at TEXT,
    last_step INTEGER
);

-- The one-time recovery codes of an enrolment (ten), stored only as SHA-256 digests.
CREATE TABLE two_factor_recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL UNIQUE,
    used_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX two_factor_recovery_codes_by_user ON two_factor_recovery_codes (user_id);

-- The operator's setting: operators must use two-factor sign-in. One row; without it, off.
CREATE TABLE two_factor_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    required_for_operators INTEGER NOT NULL CHECK (required_for_operators IN (0, 1)),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
