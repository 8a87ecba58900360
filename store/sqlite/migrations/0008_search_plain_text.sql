-- 0007_search_plain_text: the full-text index holds the plain text of each
-- page's rendering rather than its Markdown source, so that snippets read as
-- the page does. SQL cannot render Markdown: every live page is queued here,
-- and the server (folio serve, at start, in the background) renders the
-- queued pages and replaces their rows (Store.ReindexPage), which takes them
-- off the queue. Until then their snippets show Markdown, as before.
CREATE TABLE search_reindex (
    page_id INTEGER PRIMARY KEY
);
INSERT INTO search_reindex (page_id) SELECT id FROM page WHERE deleted = 0;
