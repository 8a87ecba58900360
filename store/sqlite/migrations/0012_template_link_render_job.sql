-- 0012_template_link_render_job: the titles each page transcludes
-- (MediaWiki's templatelinks) and the durable queue of pages to render
-- again when one of them changes. Mirrors
-- store/postgres/migrations/0012_template_link_render_job.sql.

-- Written with the page's links, missing titles included; the index finds
-- the pages transcluding a title.
CREATE TABLE template_link (
    from_page INTEGER NOT NULL REFERENCES page (id),
    to_title  TEXT    NOT NULL,
    PRIMARY KEY (from_page, to_title)
) WITHOUT ROWID;
CREATE INDEX template_link_title ON template_link (to_title, from_page);

-- One job per title. leased_until NULL: never claimed (or put back);
-- again: the title was queued again since the job was claimed, so
-- finishing it puts it back instead of deleting it. Claims take the oldest
-- jobs first in id order (the primary key), skipping leased ones; the
-- index on leased_until serves the claim's filter and the stats' counts.
CREATE TABLE render_job (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT    NOT NULL UNIQUE,
    reason       TEXT    NOT NULL DEFAULT '',
    enqueued     INTEGER NOT NULL,
    leased_until INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    again        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX render_job_lease ON render_job (leased_until, id);
