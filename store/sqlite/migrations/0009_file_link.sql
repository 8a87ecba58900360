-- 0009_file_link: the files each page embeds, by name without "File:"
-- (MediaWiki's imagelinks), written with the page's links; the index
-- finds the pages to re-render when a file changes. Mirrors
-- store/postgres/migrations/0009_file_link.sql.
CREATE TABLE file_link (
    from_page INTEGER NOT NULL REFERENCES page (id),
    name      TEXT    NOT NULL,
    PRIMARY KEY (from_page, name)
) WITHOUT ROWID;
CREATE INDEX file_link_name ON file_link (name, from_page);
