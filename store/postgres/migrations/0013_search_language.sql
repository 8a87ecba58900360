-- 0013_search_language: the text search configuration the index is built in,
-- per content language (store.SearchConfig: english, german, french, spanish,
-- arabic; simple for Japanese), and the form of the words it was built from
-- (store.SearchWordsForm: lower-cased, accents folded, Han and kana as pairs
-- of characters). Writers and queries read the configuration here, so every
-- node agrees with the index. The form is empty: the store rewrites every
-- row in Go when it opens (Store.syncSearch), and again when folio serve
-- starts with another --lang (Store.SetSearchLanguage).
CREATE TABLE search_config (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    config REGCONFIG NOT NULL,
    form   TEXT NOT NULL
);
INSERT INTO search_config (id, config, form) VALUES (1, 'english', '');
