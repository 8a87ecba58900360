-- 0001_init: pages, revisions, links, categories, recent changes, accounts,
-- sessions, the parse cache and full-text search.
-- Times are INTEGER unix microseconds (UTC).

CREATE TABLE page (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL UNIQUE,
    latest_rev INTEGER NOT NULL DEFAULT 0,
    size       INTEGER NOT NULL DEFAULT 0,
    redirect   TEXT    NOT NULL DEFAULT '',
    touched    INTEGER NOT NULL
);

CREATE TABLE revision (
    id        INTEGER PRIMARY KEY,
    page_id   INTEGER NOT NULL REFERENCES page (id),
    parent_id INTEGER NOT NULL DEFAULT 0,
    text      TEXT    NOT NULL,
    summary   TEXT    NOT NULL DEFAULT '',
    user_id   INTEGER NOT NULL DEFAULT 0,
    user_name TEXT    NOT NULL DEFAULT '',
    minor     INTEGER NOT NULL DEFAULT 0,
    size      INTEGER NOT NULL,
    ts        INTEGER NOT NULL
);
CREATE INDEX revision_page_id ON revision (page_id, id);

CREATE TABLE link (
    from_page INTEGER NOT NULL REFERENCES page (id),
    to_title  TEXT    NOT NULL,
    PRIMARY KEY (from_page, to_title)
) WITHOUT ROWID;
CREATE INDEX link_to_title ON link (to_title, from_page);

CREATE TABLE category (
    page_id INTEGER NOT NULL REFERENCES page (id),
    name    TEXT    NOT NULL,
    PRIMARY KEY (page_id, name)
) WITHOUT ROWID;
CREATE INDEX category_name ON category (name, page_id);

CREATE TABLE recent_change (
    id         INTEGER PRIMARY KEY,
    page_id    INTEGER NOT NULL REFERENCES page (id),
    title      TEXT    NOT NULL,
    rev_id     INTEGER NOT NULL,
    old_rev_id INTEGER NOT NULL DEFAULT 0,
    user_id    INTEGER NOT NULL DEFAULT 0,
    user_name  TEXT    NOT NULL DEFAULT '',
    summary    TEXT    NOT NULL DEFAULT '',
    minor      INTEGER NOT NULL DEFAULT 0,
    is_new     INTEGER NOT NULL DEFAULT 0,
    old_size   INTEGER NOT NULL DEFAULT 0,
    new_size   INTEGER NOT NULL DEFAULT 0,
    ts         INTEGER NOT NULL
);
CREATE INDEX recent_change_user ON recent_change (user_name, id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL DEFAULT '',
    created       INTEGER NOT NULL
);

CREATE TABLE user_group (
    user_id INTEGER NOT NULL REFERENCES users (id),
    grp     TEXT    NOT NULL,
    PRIMARY KEY (user_id, grp)
) WITHOUT ROWID;

CREATE TABLE session (
    id_hash   TEXT    PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (id),
    created   INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    expires   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_expires ON session (expires);

CREATE TABLE parse_cache (
    rev_id  INTEGER NOT NULL,
    version TEXT    NOT NULL,
    blob    BLOB    NOT NULL,
    PRIMARY KEY (rev_id, version)
) WITHOUT ROWID;

-- Full-text index of each page's current text; rowid = page.id.
-- title holds the title with spaces, so "main page" matches Main_Page.
CREATE VIRTUAL TABLE page_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 0');
