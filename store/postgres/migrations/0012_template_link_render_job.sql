-- 0012_template_link_render_job: the titles each page transcludes
-- (MediaWiki's templatelinks) and the durable queue of pages to render
-- again when one of them changes. Mirrors
-- store/sqlite/migrations/0012_template_link_render_job.sql.

-- Written with the page's links, missing titles included; the index finds
-- the pages transcluding a title.
CREATE TABLE template_link (
    from_page BIGINT NOT NULL REFERENCES page (id),
    to_title  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (from_page, to_title)
);
CREATE INDEX template_link_title ON template_link (to_title, from_page);

-- One job per title. leased_until NULL: never claimed (or put back);
-- again: the title was queued again since the job was claimed, so
-- finishing it puts it back instead of deleting it. Claims take the oldest
-- jobs first in id order (the primary key), skipping leased ones (and
-- those another claim is locking: FOR UPDATE SKIP LOCKED); the index on
-- leased_until serves the claim's filter and the stats' counts.
CREATE TABLE render_job (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT COLLATE "C" NOT NULL UNIQUE,
    reason       TEXT        NOT NULL DEFAULT '',
    enqueued     TIMESTAMPTZ NOT NULL,
    leased_until TIMESTAMPTZ,
    attempts     INTEGER     NOT NULL DEFAULT 0,
    again        BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX render_job_lease ON render_job (leased_until, id);
