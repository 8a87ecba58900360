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
-- Pages saved before this step recorded their embeds as links to the File
-- page: take those as their embeds until their next save rewrites them.
INSERT OR IGNORE INTO file_link (from_page, name)
    SELECT from_page, substr(to_title, 6) FROM link
    WHERE substr(to_title, 1, 5) = 'File:' AND length(to_title) > 5;
