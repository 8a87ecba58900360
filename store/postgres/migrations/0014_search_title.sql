-- 0014_search_title: an index of the titles' words alone, so that a search
-- whose words most pages hold finds the pages whose title holds them without
-- reading every match (store.SearchWindow: they always enter the window that
-- is ranked). The title's lexemes are those of weight A in doc
-- (searchDoc), so the index is an expression on doc and every writer keeps
-- it up to date as it is.
CREATE INDEX page_search_title ON page_search USING GIN (ts_filter(doc, '{a}'));
