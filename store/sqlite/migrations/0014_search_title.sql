-- 0014_search_title: on PostgreSQL, an index of the titles' words alone, so
-- that a search whose words most pages hold finds the pages whose title holds
-- them without reading every match (store.SearchWindow). SQLite needs none:
-- FTS5 matches the title column alone ("title : (...)") from the same index.
-- The step exists so that both backends have the same steps.
SELECT 1;
