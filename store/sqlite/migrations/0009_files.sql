-- 0009_files: uploaded files. Each upload is a file_version row naming the
-- SHA-256 of its bytes (the blob itself lives in the blob store: files
-- under the data directory); file.current is the version shown.
CREATE TABLE file (
    name    TEXT    PRIMARY KEY,
    current INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0 -- its File page is deleted: not served
);
CREATE TABLE file_version (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    name      TEXT    NOT NULL REFERENCES file (name) ON UPDATE CASCADE,
    sha       TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    width     INTEGER NOT NULL DEFAULT 0,
    height    INTEGER NOT NULL DEFAULT 0,
    mime      TEXT    NOT NULL,
    user_id   INTEGER NOT NULL DEFAULT 0,
    user_name TEXT    NOT NULL DEFAULT '',
    comment   TEXT    NOT NULL DEFAULT '',
    ts        INTEGER NOT NULL
);
CREATE INDEX file_version_name ON file_version (name, id);
CREATE INDEX file_version_sha ON file_version (sha);
