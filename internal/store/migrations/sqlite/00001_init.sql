-- Docket's first schema, SQLite. The PostgreSQL file of the same number
-- makes the same tables; keep the two alike.

-- +goose Up

-- Editors: who may save, publish and manage accounts.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,        -- an email or a username, as auth.Login normalizes it
    name          TEXT NOT NULL,               -- display name
    role          TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
    password_hash TEXT NOT NULL,               -- argon2id, PHC string format
    created_at    TIMESTAMP NOT NULL,
    disabled_at   TIMESTAMP                    -- set: the account cannot log in
);

-- Sessions: the sha256 of a random token; the token itself is only in the cookie.
CREATE TABLE sessions (
    token_hash   BLOB PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Cases: one row per case stored here (cases from files are not).
CREATE TABLE cases (
    id             TEXT PRIMARY KEY,
    created_at     TIMESTAMP NOT NULL,
    latest_version INTEGER NOT NULL DEFAULT 0, -- the number of the newest version; 0: never published
    unpublished_at TIMESTAMP                   -- set: readers get 410 Gone until the next publish
);

-- The working draft of each case: saved often, never validated here.
CREATE TABLE drafts (
    case_id            TEXT PRIMARY KEY REFERENCES cases (id),
    json               TEXT NOT NULL,
    title              TEXT NOT NULL DEFAULT '', -- the case's "title", for lists
    revision           INTEGER NOT NULL,         -- +1 at every save; a save names the revision it was based on
    published_revision INTEGER NOT NULL DEFAULT 0, -- the revision last published; 0: none
    saved_by           INTEGER REFERENCES users (id) ON DELETE SET NULL,
    saved_by_login     TEXT NOT NULL,            -- kept when the account is removed
    saved_at           TIMESTAMP NOT NULL
);

-- Published versions: numbered 1, 2, 3... per case, never changed.
CREATE TABLE versions (
    case_id            TEXT NOT NULL REFERENCES cases (id),
    number             INTEGER NOT NULL CHECK (number > 0),
    json               TEXT NOT NULL,
    published_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    published_by_login TEXT NOT NULL,
    published_at       TIMESTAMP NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    restored_from      INTEGER,                  -- a rollback: the version whose JSON this is
    PRIMARY KEY (case_id, number)
);

-- ON DELETE SET NULL of published_by must still work when an account is
-- removed, so only the columns that make a version are guarded.
-- +goose StatementBegin
CREATE TRIGGER versions_are_immutable
    BEFORE UPDATE OF case_id, number, json, published_by_login, published_at, note, restored_from ON versions
BEGIN
    SELECT RAISE(ABORT, 'published versions are immutable');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
BEGIN
    SELECT RAISE(ABORT, 'published versions are never deleted');
END;
-- +goose StatementEnd

-- What readers see changes only with this token: every publish, rollback
-- and unpublish adds one, in the same transaction, so a server that polls it
-- notices every change (a sequence would not: its numbers are taken before
-- their transactions commit, in any order).
CREATE TABLE publish_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    change_token INTEGER NOT NULL
);
INSERT INTO publish_state (id, change_token) VALUES (1, 0);

-- Who did what, when: publishing, rolling back, unpublishing, accounts.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TIMESTAMP NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor    TEXT NOT NULL,                    -- the actor's login at the time; '' for the command line
    action   TEXT NOT NULL,
    case_id  TEXT,                             -- no foreign key: the log outlives what it names
    version  INTEGER,
    subject  TEXT NOT NULL DEFAULT '',         -- the account acted on, for account actions
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_case ON audit_log (case_id, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE publish_state;
DROP TABLE versions;
DROP TABLE drafts;
DROP TABLE cases;
DROP TABLE sessions;
DROP TABLE users;
