-- 0001_init: pages, revisions, links, categories, recent changes, accounts,
-- sessions, the parse cache and full-text search. Mirrors
-- store/sqlite/migrations/0001_init.sql.
--
-- Titles and names use COLLATE "C" so that ordering, range scans (>= from)
-- and uniqueness are bytewise, as in SQLite and Go, whatever the database's
-- default locale.

CREATE TABLE page (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      TEXT COLLATE "C" NOT NULL UNIQUE,
    latest_rev BIGINT      NOT NULL DEFAULT 0,
    size       INTEGER     NOT NULL DEFAULT 0,
    redirect   TEXT        NOT NULL DEFAULT '',
    touched    TIMESTAMPTZ NOT NULL
);

CREATE TABLE revision (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id   BIGINT      NOT NULL REFERENCES page (id),
    parent_id BIGINT      NOT NULL DEFAULT 0,
    text      TEXT        NOT NULL,
    summary   TEXT        NOT NULL DEFAULT '',
    user_id   BIGINT      NOT NULL DEFAULT 0,
    user_name TEXT        NOT NULL DEFAULT '',
    minor     BOOLEAN     NOT NULL DEFAULT FALSE,
    size      INTEGER     NOT NULL,
    ts        TIMESTAMPTZ NOT NULL
);
CREATE INDEX revision_page_id ON revision (page_id, id);

CREATE TABLE link (
    from_page BIGINT NOT NULL REFERENCES page (id),
    to_title  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (from_page, to_title)
);
CREATE INDEX link_to_title ON link (to_title, from_page);

CREATE TABLE category (
    page_id BIGINT NOT NULL REFERENCES page (id),
    name    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (page_id, name)
);
CREATE INDEX category_name ON category (name, page_id);

CREATE TABLE recent_change (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id    BIGINT      NOT NULL REFERENCES page (id),
    title      TEXT COLLATE "C" NOT NULL,
    rev_id     BIGINT      NOT NULL,
    old_rev_id BIGINT      NOT NULL DEFAULT 0,
    user_id    BIGINT      NOT NULL DEFAULT 0,
    user_name  TEXT COLLATE "C" NOT NULL DEFAULT '',
    summary    TEXT        NOT NULL DEFAULT '',
    minor      BOOLEAN     NOT NULL DEFAULT FALSE,
    is_new     BOOLEAN     NOT NULL DEFAULT FALSE,
    old_size   INTEGER     NOT NULL DEFAULT 0,
    new_size   INTEGER     NOT NULL DEFAULT 0,
    ts         TIMESTAMPTZ NOT NULL
);
CREATE INDEX recent_change_user ON recent_change (user_name, id);

-- "user" is a reserved word in PostgreSQL, hence users.
CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT COLLATE "C" NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL DEFAULT '',
    created       TIMESTAMPTZ NOT NULL
);

CREATE TABLE user_group (
    user_id BIGINT NOT NULL REFERENCES users (id),
    grp     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, grp)
);

CREATE TABLE session (
    id_hash   TEXT COLLATE "C" PRIMARY KEY,
    user_id   BIGINT      NOT NULL REFERENCES users (id),
    created   TIMESTAMPTZ NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    expires   TIMESTAMPTZ NOT NULL
);
CREATE INDEX session_expires ON session (expires);

CREATE TABLE parse_cache (
    rev_id  BIGINT NOT NULL,
    version TEXT COLLATE "C" NOT NULL,
    blob    BYTEA  NOT NULL,
    PRIMARY KEY (rev_id, version)
);

-- Full-text index of each page's current text, one row per page. title holds
-- the title with spaces, so "main page" matches Main_Page; body is kept for
-- snippets. doc is written by the store from the lower-cased title (weight A)
-- and body (weight B): lower-casing in Go rather than in the database keeps
-- search case-insensitive beyond ASCII under any database locale, including
-- C. The 'simple' configuration does no stemming, like SQLite's unicode61.
CREATE TABLE page_search (
    page_id BIGINT PRIMARY KEY REFERENCES page (id),
    title   TEXT     NOT NULL,
    body    TEXT     NOT NULL,
    doc     TSVECTOR NOT NULL
);
CREATE INDEX page_search_doc ON page_search USING GIN (doc);
