package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// replaceCategories makes names (deduplicated) the categories of a page.
func replaceCategories(ctx context.Context, tx pgx.Tx, pageID int64, names []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM category WHERE page_id = $1`, pageID); err != nil {
		return fmt.Errorf("delete categories: %w", err)
	}
	names = store.Dedupe(names)
	if len(names) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO category (page_id, name)
		SELECT $1, n FROM unnest($2::text[]) AS n`, pageID, names); err != nil {
		return fmt.Errorf("insert categories: %w", err)
	}
	return nil
}

// PageCategories returns a page's category names, sorted.
func (s *Store) PageCategories(ctx context.Context, pageID int64) ([]string, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT name FROM category WHERE page_id = $1 ORDER BY name`, pageID)
	if err != nil {
		return nil, fmt.Errorf("postgres: categories of page %d: %w", pageID, dbErr(err))
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: categories of page %d: %w", pageID, dbErr(err))
	}
	return names, nil
}

// CategoryMembers returns up to limit titles of the pages in category,
// sorted, starting at the first >= from. A negative limit means no limit.
func (s *Store) CategoryMembers(ctx context.Context, category string, from string, limit int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT p.title
		FROM category c JOIN page p ON p.id = c.page_id
		WHERE c.name = $1 AND p.title >= $2
		ORDER BY p.title
		LIMIT $3`, category, from, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: members of category %q: %w", category, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: members of category %q: %w", category, dbErr(err))
	}
	return titles, nil
}
