package sqlite

import (
	"context"
	"fmt"
)

// PagesTranscluding implements store.TemplateLinks. The index
// template_link_title serves it.
func (s *Store) PagesTranscluding(ctx context.Context, title string, after string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	return queryStrings(ctx, s.r, fmt.Sprintf("pages transcluding %q", title),
		`SELECT p.title FROM template_link t JOIN page p ON p.id = t.from_page
		 WHERE t.to_title = ? AND p.deleted = 0 AND p.title > ? ORDER BY p.title LIMIT ?`, title, after, limit)
}

// PageTemplates implements store.TemplateLinks.
func (s *Store) PageTemplates(ctx context.Context, pageID int64) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("templates of page %d", pageID),
		`SELECT to_title FROM template_link WHERE from_page = ? ORDER BY to_title`, pageID)
}
