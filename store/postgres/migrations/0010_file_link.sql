-- 0009_file_link: the files each page embeds, by name without "File:"
-- (MediaWiki's imagelinks), written with the page's links; the index
-- finds the pages to re-render when a file changes. Mirrors
-- store/sqlite/migrations/0009_file_link.sql.
CREATE TABLE file_link (
    from_page BIGINT NOT NULL REFERENCES page (id),
    name      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (from_page, name)
);
CREATE INDEX file_link_name ON file_link (name, from_page);
-- Pages saved before this step recorded their embeds as links to the File
-- page: take those as their embeds until their next save rewrites them.
INSERT INTO file_link (from_page, name)
    SELECT from_page, substr(to_title, 6) FROM link
    WHERE starts_with(to_title, 'File:') AND length(to_title) > 5
    ON CONFLICT DO NOTHING;
