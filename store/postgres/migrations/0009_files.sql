-- 0009_files: uploaded files. Each upload is a file_version row naming the
-- SHA-256 of its bytes; file.current is the version shown. The bytes live
-- in file_blob, in chunks of at most 1 MiB, so every node serves every
-- file (thumbnails too, keyed "<sha>/<width>").
CREATE TABLE file (
    name    TEXT    PRIMARY KEY,
    current BIGINT  NOT NULL DEFAULT 0,
    deleted BOOLEAN NOT NULL DEFAULT FALSE -- its File page is deleted: not served
);
CREATE TABLE file_version (
    id        BIGSERIAL PRIMARY KEY,
    name      TEXT    NOT NULL REFERENCES file (name) ON UPDATE CASCADE,
    sha       TEXT    NOT NULL,
    size      BIGINT  NOT NULL,
    width     INTEGER NOT NULL DEFAULT 0,
    height    INTEGER NOT NULL DEFAULT 0,
    mime      TEXT    NOT NULL,
    user_id   BIGINT  NOT NULL DEFAULT 0,
    user_name TEXT    NOT NULL DEFAULT '',
    comment   TEXT    NOT NULL DEFAULT '',
    ts        TIMESTAMPTZ NOT NULL
);
CREATE INDEX file_version_name ON file_version (name, id);
CREATE INDEX file_version_sha ON file_version (sha);
CREATE TABLE file_blob (
    key   TEXT    NOT NULL,
    chunk INTEGER NOT NULL,
    data  BYTEA   NOT NULL,
    PRIMARY KEY (key, chunk)
);
