package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/foliowiki/folio/store"
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

// SetPageTemplates implements store.TemplateLinks.
func (s *Store) SetPageTemplates(ctx context.Context, pageID, revID int64, titles []string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM page WHERE id = ? AND latest_rev = ? AND deleted = 0`, pageID, revID).Scan(&n)
		if err != nil || n == 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM template_link WHERE from_page = ?`, pageID); err != nil {
			return err
		}
		for _, title := range store.Dedupe(titles) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO template_link (from_page, to_title) VALUES (?, ?)`, pageID, title); err != nil {
				return err
			}
		}
		return nil
	})
	return mapErr(fmt.Sprintf("set templates of page %d", pageID), err)
}
