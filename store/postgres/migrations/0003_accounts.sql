-- 0003_accounts: per-account state (version, preferences, blocks), page
-- protection, and the index that counts a user's edits. Mirrors
-- store/sqlite/migrations/0003_accounts.sql.

-- version is bumped by every change to what a UserInfo is built from
-- (groups, preferences, block, password); preferences is a JSON object of
-- strings.
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN preferences JSONB NOT NULL DEFAULT '{}';

-- At most one block per account; expires NULL = indefinite.
CREATE TABLE user_block (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    reason  TEXT        NOT NULL DEFAULT '',
    by_name TEXT COLLATE "C" NOT NULL DEFAULT '',
    created TIMESTAMPTZ NOT NULL,
    expires TIMESTAMPTZ
);

-- Keyed by title, not page id: a title without a page can be protected
-- (create protection), and a protection stays with the title. Levels name
-- the group needed, '' for none; expires NULL = indefinite.
CREATE TABLE page_protection (
    title      TEXT COLLATE "C" PRIMARY KEY,
    edit_level TEXT COLLATE "C" NOT NULL DEFAULT '',
    move_level TEXT COLLATE "C" NOT NULL DEFAULT '',
    expires    TIMESTAMPTZ,
    reason     TEXT        NOT NULL DEFAULT '',
    user_id    BIGINT      NOT NULL DEFAULT 0,
    user_name  TEXT COLLATE "C" NOT NULL DEFAULT ''
);

-- UserState.EditCount.
CREATE INDEX revision_user_id ON revision (user_id);

-- log_entry.page_id becomes nullable (NULL = no page, read as 0): the
-- protection of a title without a live page has no page to reference.
ALTER TABLE log_entry ALTER COLUMN page_id DROP NOT NULL;
