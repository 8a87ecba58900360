package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// replaceTemplateLinks makes titles (deduplicated) the titles a page
// transcludes.
func replaceTemplateLinks(ctx context.Context, tx pgx.Tx, pageID int64, titles []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM template_link WHERE from_page = $1`, pageID); err != nil {
		return fmt.Errorf("delete template links: %w", err)
	}
	titles = store.Dedupe(titles)
	if len(titles) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO template_link (from_page, to_title)
		SELECT $1, t FROM unnest($2::text[]) AS t`, pageID, titles); err != nil {
		return fmt.Errorf("insert template links: %w", err)
	}
	return nil
}

// PagesTranscluding implements store.TemplateLinks. The index
// template_link_title serves it.
func (s *Store) PagesTranscluding(ctx context.Context, title string, after string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT p.title
		FROM template_link t JOIN page p ON p.id = t.from_page
		WHERE t.to_title = $1 AND NOT p.deleted AND p.title > $2
		ORDER BY p.title
		LIMIT $3`, title, after, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: pages transcluding %q: %w", title, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: pages transcluding %q: %w", title, dbErr(err))
	}
	return titles, nil
}

// PageTemplates implements store.TemplateLinks.
func (s *Store) PageTemplates(ctx context.Context, pageID int64) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT to_title FROM template_link WHERE from_page = $1 ORDER BY to_title`, pageID)
	if err != nil {
		return nil, fmt.Errorf("postgres: templates of page %d: %w", pageID, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: templates of page %d: %w", pageID, dbErr(err))
	}
	return titles, nil
}

// SetPageTemplates implements store.TemplateLinks. The page's row is
// locked, so a save committing meanwhile comes after (and writes its own
// set) or before (and this one changes nothing).
func (s *Store) SetPageTemplates(ctx context.Context, pageID, revID int64, titles []string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var n int
		err := tx.QueryRow(ctx, `SELECT count(*) FROM (SELECT id FROM page
			WHERE id = $1 AND latest_rev = $2 AND NOT deleted FOR UPDATE) p`, pageID, revID).Scan(&n)
		if err != nil || n == 0 {
			return err
		}
		return replaceTemplateLinks(ctx, tx, pageID, titles)
	})
	if err != nil {
		return fmt.Errorf("postgres: set templates of page %d: %w", pageID, dbErr(err))
	}
	return nil
}
