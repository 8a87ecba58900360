-- 0007_contributions_redirects: an author's revisions newest first
-- (Special:Contributions), and the pages redirecting to a title (page
-- information). Mirrors store/postgres/migrations/0007_contributions_redirects.sql.
CREATE INDEX revision_user ON revision (user_name, id);
CREATE INDEX page_redirect ON page (redirect) WHERE redirect <> '';
