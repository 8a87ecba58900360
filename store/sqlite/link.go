package sqlite

import (
	"context"
	"fmt"
)

// OutgoingLinks implements store.Links.
func (s *Store) OutgoingLinks(ctx context.Context, pageID int64) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("links of page %d", pageID),
		`SELECT to_title FROM link WHERE from_page = ? ORDER BY to_title`, pageID)
}

// Backlinks implements store.Links.
func (s *Store) Backlinks(ctx context.Context, title string, from string, limit int) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("backlinks of %q", title),
		`SELECT p.title FROM link l JOIN page p ON p.id = l.from_page
		 WHERE l.to_title = ? AND p.title >= ? ORDER BY p.title LIMIT ?`, title, from, limit)
}

// CountBacklinks implements store.Links. A deleted page has no links.
func (s *Store) CountBacklinks(ctx context.Context, title string) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM link WHERE to_title = ?`, title).Scan(&n)
	return n, mapErr(fmt.Sprintf("count backlinks of %q", title), err)
}
