-- 0013_search_language: the full-text index holds the words of each page as
-- store.SearchWords makes them (lower-cased, accents folded, Japanese and
-- Chinese as pairs of characters), in the columns title and body, and the
-- plain text snippets are made from in text (not indexed). SQL cannot fold:
-- this step copies the old rows as they are (their words still match a
-- query without accents or Han), and the store rewrites every row in Go when
-- it opens and finds search_config's form missing or different
-- (Store.syncSearch).
CREATE VIRTUAL TABLE page_fts_words USING fts5 (title, body, text UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO page_fts_words (rowid, title, body, text) SELECT rowid, title, body, body FROM page_fts;
DROP TABLE page_fts;
ALTER TABLE page_fts_words RENAME TO page_fts;

-- search_config: the one row saying which form the index's words are in.
CREATE TABLE search_config (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    form TEXT NOT NULL
);
