package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// pageColumns is the column list scanned by scanPage.
const pageColumns = `id, title, latest_rev, size, redirect, touched`

// scanPage reads one page row selected with pageColumns.
func scanPage(row pgx.Row) (store.Page, error) {
	var p store.Page
	if err := row.Scan(&p.ID, &p.Title, &p.LatestRev, &p.Size, &p.Redirect, &p.Touched); err != nil {
		return store.Page{}, err
	}
	p.Touched = p.Touched.UTC()
	return p, nil
}

// PageByTitle returns the live page with that canonical title or
// store.ErrNotFound.
func (s *Store) PageByTitle(ctx context.Context, title string) (store.Page, error) {
	p, err := scanPage(s.pool.QueryRow(ctx,
		`SELECT `+pageColumns+` FROM page WHERE title = $1 AND NOT deleted`, title))
	if err != nil {
		return store.Page{}, fmt.Errorf("postgres: get page %q: %w", title, dbErr(err))
	}
	return p, nil
}

// PageByID returns the live page with that id or store.ErrNotFound.
func (s *Store) PageByID(ctx context.Context, id int64) (store.Page, error) {
	p, err := scanPage(s.pool.QueryRow(ctx,
		`SELECT `+pageColumns+` FROM page WHERE id = $1 AND NOT deleted`, id))
	if err != nil {
		return store.Page{}, fmt.Errorf("postgres: get page %d: %w", id, dbErr(err))
	}
	return p, nil
}

// ListPages returns up to limit pages in title order, starting at the first
// title >= from. A negative limit means no limit.
func (s *Store) ListPages(ctx context.Context, from string, limit int) ([]store.Page, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT `+pageColumns+` FROM page WHERE title >= $1 AND NOT deleted ORDER BY title LIMIT $2`,
		from, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: list pages from %q: %w", from, dbErr(err))
	}
	pages, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Page, error) { return scanPage(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list pages from %q: %w", from, dbErr(err))
	}
	return pages, nil
}

// CountPages returns the number of live pages.
func (s *Store) CountPages(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM page WHERE NOT deleted`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count pages: %w", dbErr(err))
	}
	return n, nil
}

// PagesExist reports which of titles exist as live pages: every title asked
// for is a key, true when the page exists.
func (s *Store) PagesExist(ctx context.Context, titles []string) (map[string]bool, error) {
	exist := make(map[string]bool, len(titles))
	if len(titles) == 0 {
		return exist, nil
	}
	for _, t := range titles {
		exist[t] = false
	}
	rows, err := s.pool.Query(ctx, `SELECT title FROM page WHERE title = ANY($1) AND NOT deleted`, titles)
	if err != nil {
		return nil, fmt.Errorf("postgres: pages exist: %w", dbErr(err))
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: pages exist: %w", dbErr(err))
	}
	for _, t := range found {
		exist[t] = true
	}
	return exist, nil
}

// pageState is what a title holds, as the write paths see it.
type pageState int

const (
	pageAbsent  pageState = iota // no row
	pageLive                     // a page
	pageDeleted                  // the row of a deleted page
)

// pageForWrite reads the row of title, deleted or not, inside a write
// transaction, and locks it (FOR UPDATE) for the rest of tx. An absent page
// is not an error.
func pageForWrite(ctx context.Context, tx pgx.Tx, title string) (store.Page, pageState, error) {
	var p store.Page
	var deleted bool
	err := tx.QueryRow(ctx, `SELECT `+pageColumns+`, deleted FROM page WHERE title = $1 FOR UPDATE`, title).
		Scan(&p.ID, &p.Title, &p.LatestRev, &p.Size, &p.Redirect, &p.Touched, &deleted)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Page{}, pageAbsent, nil
	}
	if err != nil {
		return store.Page{}, pageAbsent, fmt.Errorf("read page %q: %w", title, err)
	}
	p.Touched = p.Touched.UTC()
	if deleted {
		return p, pageDeleted, nil
	}
	return p, pageLive, nil
}

// RedirectsTo returns up to limit titles of the live pages redirecting to
// title, in title order. The partial index page_redirect serves it.
func (s *Store) RedirectsTo(ctx context.Context, title string, limit int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT title FROM page
		WHERE redirect = $1 AND redirect <> '' AND NOT deleted ORDER BY title LIMIT $2`, title, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: redirects to %q: %w", title, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: redirects to %q: %w", title, dbErr(err))
	}
	return titles, nil
}

// RandomPage returns the first live non-redirect page at or after the id
// pick chooses between the lowest and highest page ids, else the first
// one: min and max read the primary key's ends, the rest a short index scan.
func (s *Store) RandomPage(ctx context.Context, pick func(lo, hi int64) int64) (store.Page, error) {
	var lo, hi *int64
	if err := s.pool.QueryRow(ctx, `SELECT min(id), max(id) FROM page`).Scan(&lo, &hi); err != nil {
		return store.Page{}, fmt.Errorf("postgres: random page: %w", dbErr(err))
	}
	if lo == nil {
		return store.Page{}, fmt.Errorf("postgres: random page: %w", store.ErrNotFound)
	}
	at := min(max(pick(*lo, *hi), *lo), *hi)
	const q = `SELECT ` + pageColumns + ` FROM page WHERE id >= $1 AND NOT deleted AND redirect = '' ORDER BY id LIMIT 1`
	p, err := scanPage(s.pool.QueryRow(ctx, q, at))
	if errors.Is(err, pgx.ErrNoRows) && at > *lo {
		p, err = scanPage(s.pool.QueryRow(ctx, q, *lo))
	}
	if err != nil {
		return store.Page{}, fmt.Errorf("postgres: random page: %w", dbErr(err))
	}
	return p, nil
}
