package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// replaceFileLinks makes names (deduplicated) the files a page embeds.
func replaceFileLinks(ctx context.Context, tx pgx.Tx, pageID int64, names []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM file_link WHERE from_page = $1`, pageID); err != nil {
		return fmt.Errorf("delete file links: %w", err)
	}
	names = store.Dedupe(names)
	if len(names) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO file_link (from_page, name)
		SELECT $1, n FROM unnest($2::text[]) AS n`, pageID, names); err != nil {
		return fmt.Errorf("insert file links: %w", err)
	}
	return nil
}

// PagesEmbedding implements store.FileLinks.
func (s *Store) PagesEmbedding(ctx context.Context, name string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT p.title
		FROM file_link f JOIN page p ON p.id = f.from_page
		WHERE f.name = $1
		ORDER BY p.title
		LIMIT $2`, name, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: pages embedding %q: %w", name, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: pages embedding %q: %w", name, dbErr(err))
	}
	return titles, nil
}

// PageFiles implements store.FileLinks.
func (s *Store) PageFiles(ctx context.Context, pageID int64) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT name FROM file_link WHERE from_page = $1 ORDER BY name`, pageID)
	if err != nil {
		return nil, fmt.Errorf("postgres: files of page %d: %w", pageID, dbErr(err))
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: files of page %d: %w", pageID, dbErr(err))
	}
	return names, nil
}
