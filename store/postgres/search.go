package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// tsConfig is the text search configuration: no stemming, no stop words.
const tsConfig = "simple"

// headlineOptions make ts_headline return a plain-text excerpt: no markers
// around the matched terms.
const headlineOptions = `StartSel="", StopSel="", MaxWords=35, MinWords=15`

// searchText is the form of a text the index holds and queries are made of:
// the words of store.SearchTerms (runs of letters and digits, lower-cased in
// Go) joined by spaces. Splitting and lower-casing in Go rather than with the
// database's parser makes words the same as in the SQLite backend, and
// case-insensitive beyond ASCII under any database locale, including C.
func searchText(s string) string { return strings.Join(store.SearchTerms(s), " ") }

// indexPage replaces the page's row of the full-text index: its title (with
// spaces for underscores, weight A) and its text (weight B).
func indexPage(ctx context.Context, tx pgx.Tx, pageID int64, title, body string) error {
	title = store.SearchTitle(title)
	_, err := tx.Exec(ctx, `INSERT INTO page_search (page_id, title, body, doc)
		VALUES ($1, $2, $3,
			setweight(to_tsvector('`+tsConfig+`', $4), 'A') ||
			setweight(to_tsvector('`+tsConfig+`', $5), 'B'))
		ON CONFLICT (page_id) DO UPDATE
		SET title = EXCLUDED.title, body = EXCLUDED.body, doc = EXCLUDED.doc`,
		pageID, title, body, searchText(title), searchText(body))
	if err != nil {
		return fmt.Errorf("index page: %w", err)
	}
	return nil
}

// SearchPages returns up to limit hits for query, best first (ts_rank, then
// title), skipping offset, and the total number of matches. Every word of the
// query must match, in the title or the text; titles weigh more. The query
// has no syntax: punctuation only separates words, so a query without words
// (empty, or only punctuation) matches nothing. A negative limit means no
// limit.
func (s *Store) SearchPages(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, int, error) {
	words := searchText(query)
	if words == "" {
		return nil, 0, nil
	}
	offset = max(offset, 0)

	var total int
	err := s.pool.QueryRow(ctx, `SELECT count(*)
		FROM page_search s, plainto_tsquery('`+tsConfig+`', $1) q
		WHERE s.doc @@ q`, words).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: search %q: %w", query, dbErr(err))
	}
	if total == 0 || offset >= total || limit == 0 {
		return nil, total, nil
	}

	// The inner query ranks and pages; headlines are computed only for the
	// rows returned.
	rows, err := s.pool.Query(ctx, `SELECT h.title,
			ts_headline('`+tsConfig+`', h.body, h.q, '`+headlineOptions+`'),
			h.rank
		FROM (
			SELECT p.title, s.body, q.q, ts_rank(s.doc, q.q)::float8 AS rank
			FROM page_search s
			JOIN page p ON p.id = s.page_id,
			plainto_tsquery('`+tsConfig+`', $1) AS q(q)
			WHERE s.doc @@ q.q
			ORDER BY rank DESC, p.title
			OFFSET $2 LIMIT $3
		) h
		ORDER BY h.rank DESC, h.title`, words, offset, limitArg(limit))
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: search %q: %w", query, dbErr(err))
	}
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SearchHit, error) {
		var h store.SearchHit
		err := r.Scan(&h.Title, &h.Snippet, &h.Rank)
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		return h, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: search %q: %w", query, dbErr(err))
	}
	return hits, total, nil
}
