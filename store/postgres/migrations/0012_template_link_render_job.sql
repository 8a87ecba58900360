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
