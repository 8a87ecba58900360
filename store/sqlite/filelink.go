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

// PageFiles implements store.FileLinks.
func (s *Store) PageFiles(ctx context.Context, pageID int64) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("files of page %d", pageID),
		`SELECT name FROM file_link WHERE from_page = ? ORDER BY name`, pageID)
}
