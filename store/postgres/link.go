package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// replaceLinks makes titles (deduplicated) the outgoing links of a page.
func replaceLinks(ctx context.Context, tx pgx.Tx, pageID int64, titles []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM link WHERE from_page = $1`, pageID); err != nil {
		return fmt.Errorf("delete links: %w", err)
	}
	titles = store.Dedupe(titles)
	if len(titles) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO link (from_page, to_title)
		SELECT $1, t FROM unnest($2::text[]) AS t`, pageID, titles); err != nil {
		return fmt.Errorf("insert links: %w", err)
	}
	return nil
}

// OutgoingLinks returns the titles a page links to, in title order.
func (s *Store) OutgoingLinks(ctx context.Context, pageID int64) ([]string, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT to_title FROM link WHERE from_page = $1 ORDER BY to_title`, pageID)
	if err != nil {
		return nil, fmt.Errorf("postgres: links of page %d: %w", pageID, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: links of page %d: %w", pageID, dbErr(err))
	}
	return titles, nil
}

// Backlinks returns up to limit titles of pages linking to title, in title
// order, starting at the first >= from. A negative limit means no limit.
func (s *Store) Backlinks(ctx context.Context, title string, from string, limit int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT p.title
		FROM link l JOIN page p ON p.id = l.from_page
		WHERE l.to_title = $1 AND p.title >= $2
		ORDER BY p.title
		LIMIT $3`, title, from, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: backlinks of %q: %w", title, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: backlinks of %q: %w", title, dbErr(err))
	}
	return titles, nil
}

// CountBacklinks returns the number of pages linking to title.
func (s *Store) CountBacklinks(ctx context.Context, title string) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM link WHERE to_title = $1`, title).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count backlinks of %q: %w", title, dbErr(err))
	}
	return n, nil
}
