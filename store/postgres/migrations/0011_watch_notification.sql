-- 0011_watch_notification: watchlists (MediaWiki's watchlist) and
-- notifications (Echo's), and the indexes that find the recent changes of
-- watched titles. Mirrors store/sqlite/migrations/0011_watch_notification.sql.

-- One title on one user's watchlist; the page need not exist. expires NULL
-- = permanently; notified NULL = seen, else the time of the first change by
-- someone else since the user last saw the page.
CREATE TABLE watch (
    user_id  BIGINT NOT NULL REFERENCES users (id),
    title    TEXT COLLATE "C" NOT NULL,
    expires  TIMESTAMPTZ,
    notified TIMESTAMPTZ,
    PRIMARY KEY (user_id, title)
);
CREATE INDEX watch_title ON watch (title, user_id);

-- kind: talk, mention, created or watched; rev_id the revision that caused
-- it, agent the user name of who made it.
CREATE TABLE notification (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT      NOT NULL REFERENCES users (id),
    kind    TEXT COLLATE "C" NOT NULL,
    title   TEXT COLLATE "C" NOT NULL,
    rev_id  BIGINT      NOT NULL DEFAULT 0,
    agent   TEXT COLLATE "C" NOT NULL DEFAULT '',
    summary TEXT        NOT NULL DEFAULT '',
    created TIMESTAMPTZ NOT NULL,
    is_read BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX notification_user ON notification (user_id, id);
CREATE INDEX notification_unread ON notification (user_id, kind) WHERE NOT is_read;

-- A watchlist's changes: those of each watched title, and the moves to it.
CREATE INDEX recent_change_title ON recent_change (title, ts);
CREATE INDEX recent_change_move_target ON recent_change (target, ts) WHERE kind = 'move';
