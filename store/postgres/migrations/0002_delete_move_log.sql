-- 0002_delete_move_log: page deletion and undeletion, moves, the log of page
-- actions, and kinds of recent changes. Mirrors
-- store/sqlite/migrations/0002_delete_move_log.sql.

-- A deleted page keeps its row (and its title); its revisions are flagged
-- too, so that a re-created page's history skips the old ones.
ALTER TABLE page ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE revision ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;

-- kind: edit, new, delete, undelete or move; target: a move's new title.
ALTER TABLE recent_change ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'edit';
ALTER TABLE recent_change ADD COLUMN target TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE recent_change SET kind = 'new' WHERE is_new;

CREATE TABLE log_entry (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind      TEXT COLLATE "C" NOT NULL,
    page_id   BIGINT      NOT NULL REFERENCES page (id),
    title     TEXT COLLATE "C" NOT NULL,
    target    TEXT COLLATE "C" NOT NULL DEFAULT '',
    user_id   BIGINT      NOT NULL DEFAULT 0,
    user_name TEXT COLLATE "C" NOT NULL DEFAULT '',
    reason    TEXT        NOT NULL DEFAULT '',
    ts        TIMESTAMPTZ NOT NULL
);
CREATE INDEX log_entry_title ON log_entry (title, id);
CREATE INDEX log_entry_kind ON log_entry (kind, id);
