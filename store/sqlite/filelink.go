package sqlite

import (
	"context"
	"fmt"
)

// PagesEmbedding implements store.FileLinks.
func (s *Store) PagesEmbedding(ctx context.Context, name string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	return queryStrings(ctx, s.r, fmt.Sprintf("pages embedding %q", name),
		`SELECT p.title FROM file_link f JOIN page p ON p.id = f.from_page
		 WHERE f.name = ? ORDER BY p.title LIMIT ?`, name, limit)
}
