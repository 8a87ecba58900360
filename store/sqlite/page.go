package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/foliowiki/folio/store"
)

// pageColumns is the column list scanned by scanPage.
const pageColumns = `id, title, latest_rev, size, redirect, touched`

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanPage reads one page row selected with pageColumns.
func scanPage(row scanner) (store.Page, error) {
	var p store.Page
	var touched int64
	err := row.Scan(&p.ID, &p.Title, &p.LatestRev, &p.Size, &p.Redirect, &touched)
	p.Touched = fromMicros(touched)
	return p, err
}

// pageState is what a title holds, as the write paths see it.
type pageState int

const (
	pageAbsent  pageState = iota // no row
	pageLive                     // a page
	pageDeleted                  // the row of a deleted page
)

// pageForWrite reads the row of title, deleted or not, inside a write
// transaction. An absent page is not an error.
func pageForWrite(ctx context.Context, tx *sql.Tx, title string) (store.Page, pageState, error) {
	var p store.Page
	var touched int64
	var deleted bool
	err := tx.QueryRowContext(ctx, `SELECT `+pageColumns+`, deleted FROM page WHERE title = ?`, title).
		Scan(&p.ID, &p.Title, &p.LatestRev, &p.Size, &p.Redirect, &touched, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Page{}, pageAbsent, nil
	}
	if err != nil {
		return store.Page{}, pageAbsent, fmt.Errorf("read page %q: %w", title, err)
	}
	p.Touched = fromMicros(touched)
	if deleted {
		return p, pageDeleted, nil
	}
	return p, pageLive, nil
}

// PageByTitle implements store.Pages.
func (s *Store) PageByTitle(ctx context.Context, title string) (store.Page, error) {
	p, err := scanPage(s.r.QueryRowContext(ctx, `SELECT `+pageColumns+` FROM page WHERE title = ? AND deleted = 0`, title))
	return p, mapErr(fmt.Sprintf("get page %q", title), err)
}

// PageByID implements store.Pages.
func (s *Store) PageByID(ctx context.Context, id int64) (store.Page, error) {
	p, err := scanPage(s.r.QueryRowContext(ctx, `SELECT `+pageColumns+` FROM page WHERE id = ? AND deleted = 0`, id))
	return p, mapErr(fmt.Sprintf("get page %d", id), err)
}

// ListPages implements store.Pages.
func (s *Store) ListPages(ctx context.Context, from string, limit int) ([]store.Page, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+pageColumns+` FROM page WHERE title >= ? AND deleted = 0 ORDER BY title LIMIT ?`, from, limit)
	if err != nil {
		return nil, mapErr("list pages", err)
	}
	defer rows.Close()
	var out []store.Page
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			return nil, mapErr("list pages", err)
		}
		out = append(out, p)
	}
	return out, mapErr("list pages", rows.Err())
}

// CountPages implements store.Pages.
func (s *Store) CountPages(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM page WHERE deleted = 0`).Scan(&n)
	return n, mapErr("count pages", err)
}

// PagesExist implements store.Pages.
func (s *Store) PagesExist(ctx context.Context, titles []string) (map[string]bool, error) {
	out := make(map[string]bool, len(titles))
	// SQLite's default limit on host parameters is 32766; stay well below.
	const chunk = 500
	for i := 0; i < len(titles); i += chunk {
		part := titles[i:min(i+chunk, len(titles))]
		if err := s.pagesExist(ctx, part, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) pagesExist(ctx context.Context, titles []string, out map[string]bool) error {
	args := make([]any, len(titles))
	for i, t := range titles {
		args[i] = t
		out[t] = false
	}
	q := `SELECT title FROM page WHERE deleted = 0 AND title IN (?` + strings.Repeat(",?", len(titles)-1) + `)`
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return mapErr("pages exist", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return mapErr("pages exist", err)
		}
		out[t] = true
	}
	return mapErr("pages exist", rows.Err())
}

// queryStrings runs a query returning one text column.
func queryStrings(ctx context.Context, db *sql.DB, op, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, v)
	}
	return out, mapErr(op, rows.Err())
}

// RedirectsTo implements store.Pages. The partial index page_redirect
// serves it.
func (s *Store) RedirectsTo(ctx context.Context, title string, limit int) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("redirects to %q", title),
		`SELECT title FROM page WHERE redirect = ? AND redirect <> '' AND deleted = 0 ORDER BY title LIMIT ?`, title, limit)
}

// RandomPage implements store.Pages: min and max of the primary key, then
// the first page at or after the picked id, else the first page.
func (s *Store) RandomPage(ctx context.Context, pick func(lo, hi int64) int64) (store.Page, error) {
	const op = "random page"
	var lo, hi sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT min(id), max(id) FROM page`).Scan(&lo, &hi); err != nil {
		return store.Page{}, mapErr(op, err)
	}
	if !lo.Valid {
		return store.Page{}, mapErr(op, sql.ErrNoRows)
	}
	at := min(max(pick(lo.Int64, hi.Int64), lo.Int64), hi.Int64)
	const q = `SELECT ` + pageColumns + ` FROM page WHERE id >= ? AND deleted = 0 AND redirect = '' ORDER BY id LIMIT 1`
	p, err := scanPage(s.r.QueryRowContext(ctx, q, at))
	if errors.Is(err, sql.ErrNoRows) && at > lo.Int64 {
		p, err = scanPage(s.r.QueryRowContext(ctx, q, lo.Int64))
	}
	return p, mapErr(op, err)
}
