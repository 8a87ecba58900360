-- 0002_delete_move_log: page deletion and undeletion, moves, the log of page
-- actions, and kinds of recent changes. Mirrors
-- store/postgres/migrations/0002_delete_move_log.sql.

-- A deleted page keeps its row (and its title); its revisions are flagged
-- too, so that a re-created page's history skips the old ones.
ALTER TABLE page ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revision ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;

-- kind: edit, new, delete, undelete or move; target: a move's new title.
ALTER TABLE recent_change ADD COLUMN kind TEXT NOT NULL DEFAULT 'edit';
ALTER TABLE recent_change ADD COLUMN target TEXT NOT NULL DEFAULT '';
UPDATE recent_change SET kind = 'new' WHERE is_new <> 0;

CREATE TABLE log_entry (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL,
    page_id   INTEGER NOT NULL REFERENCES page (id),
    title     TEXT    NOT NULL,
    target    TEXT    NOT NULL DEFAULT '',
    user_id   INTEGER NOT NULL DEFAULT 0,
    user_name TEXT    NOT NULL DEFAULT '',
    reason    TEXT    NOT NULL DEFAULT '',
    ts        INTEGER NOT NULL
);
CREATE INDEX log_entry_title ON log_entry (title, id);
CREATE INDEX log_entry_kind ON log_entry (kind, id);
