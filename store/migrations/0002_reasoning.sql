-- 0002: reasoning sessions. Each session (a tree of thoughts with its scores) is
-- one JSON document, loaded and saved as a whole; version grows by one on every
-- save so that two processes cannot overwrite each other's work unseen.

CREATE TABLE reason_sessions (
    id         TEXT    PRIMARY KEY,
    data       TEXT    NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX reason_sessions_updated ON reason_sessions (updated_at);
