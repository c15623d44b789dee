-- The web application's own records: local accounts and their roles per authority, sessions, the
-- append-only audit log, and narratives analysts have edited for a committee.

-- +goose Up

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE, -- lower case
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,        -- argon2id, PHC string format
    admin         INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
);

-- A role a user holds for one authority; authority 0 means every authority of the deployment.
CREATE TABLE user_roles (
    user_id   BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    authority INTEGER NOT NULL,
    role      TEXT    NOT NULL CHECK (role IN ('analyst', 'manager', 'member')),
    PRIMARY KEY (user_id, authority)
);

-- Sessions are found by the SHA-256 of their token; the token itself lives only in the cookie.
CREATE TABLE sessions (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only: csperf inserts and reads, never updates or deletes.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    user_id   BIGINT,           -- NULL for a failed sign-in of an unknown account
    email     TEXT    NOT NULL,
    action    TEXT    NOT NULL, -- sign-in, sign-in-failed, sign-out, upload, export, role-change, view-child, …
    authority INTEGER NOT NULL DEFAULT 0,
    detail    TEXT    NOT NULL DEFAULT '',
    address   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE narratives (
    authority  INTEGER NOT NULL,
    indicator  TEXT    NOT NULL,
    period_end TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (authority, indicator, period_end)
);

-- A counter bumped by every write that changes what pages show (values, targets, narratives, local
-- figures, published figures, authorities, snapshots), so that a page cache in any process can tell
-- when its entries are stale with one cheap read.
CREATE TABLE data_generation (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);

-- Comparisons across a deployment read one indicator at one date for every authority.
CREATE INDEX indicator_values_at ON indicator_values (indicator, period_end);

-- +goose Down

DROP INDEX indicator_values_at;
DROP TABLE data_generation;

DROP TABLE narratives;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE user_roles;
DROP TABLE users;
