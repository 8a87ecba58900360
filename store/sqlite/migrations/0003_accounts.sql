-- 0003_accounts: per-account state (version, preferences, blocks), page
-- protection, and the index that counts a user's edits. Mirrors
-- store/postgres/migrations/0003_accounts.sql.

-- version is bumped by every change to what a UserInfo is built from
-- (groups, preferences, block, password); preferences is a JSON object of
-- strings.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN preferences TEXT NOT NULL DEFAULT '{}';

-- At most one block per account; expires 0 = indefinite.
CREATE TABLE user_block (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    reason  TEXT    NOT NULL DEFAULT '',
    by_name TEXT    NOT NULL DEFAULT '',
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL DEFAULT 0
);

-- Keyed by title, not page id: a title without a page can be protected
-- (create protection), and a protection stays with the title. Levels name
-- the group needed, '' for none; expires 0 = indefinite.
CREATE TABLE page_protection (
    title      TEXT    PRIMARY KEY,
    edit_level TEXT    NOT NULL DEFAULT '',
    move_level TEXT    NOT NULL DEFAULT '',
    expires    INTEGER NOT NULL DEFAULT 0,
    reason     TEXT    NOT NULL DEFAULT '',
    user_id    INTEGER NOT NULL DEFAULT 0,
    user_name  TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- UserState.EditCount.
CREATE INDEX revision_user_id ON revision (user_id);

-- log_entry.page_id becomes nullable (NULL = no page, read as 0): the
-- protection of a title without a live page has no page to reference.
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt; nothing
-- references log_entry, so foreign keys can stay on.
CREATE TABLE log_entry_new (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL,
    page_id   INTEGER REFERENCES page (id),
    title     TEXT    NOT NULL,
    target    TEXT    NOT NULL DEFAULT '',
    user_id   INTEGER NOT NULL DEFAULT 0,
    user_name TEXT    NOT NULL DEFAULT '',
    reason    TEXT    NOT NULL DEFAULT '',
    ts        INTEGER NOT NULL
);
INSERT INTO log_entry_new (id, kind, page_id, title, target, user_id, user_name, reason, ts)
    SELECT id, kind, page_id, title, target, user_id, user_name, reason, ts FROM log_entry;
DROP TABLE log_entry;
ALTER TABLE log_entry_new RENAME TO log_entry;
CREATE INDEX log_entry_title ON log_entry (title, id);
CREATE INDEX log_entry_kind ON log_entry (kind, id);
