package sqlite

import (
	"context"
	"fmt"
)

// PageCategories implements store.Categories.
func (s *Store) PageCategories(ctx context.Context, pageID int64) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("categories of page %d", pageID),
		`SELECT name FROM category WHERE page_id = ? ORDER BY name`, pageID)
}

// CategoryMembers implements store.Categories.
func (s *Store) CategoryMembers(ctx context.Context, category string, from string, limit int) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("members of category %q", category),
		`SELECT p.title FROM category c JOIN page p ON p.id = c.page_id
		 WHERE c.name = ? AND p.title >= ? ORDER BY p.title LIMIT ?`, category, from, limit)
}
