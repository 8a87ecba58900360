package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/foliowiki/folio/store"
)

// SearchPages implements store.Search with FTS5. Every word of the query must
// match (in the title or the text); titles weigh ten times the text in the
// BM25 rank. The user's query never reaches FTS5's query syntax: each word is
// quoted.
//
// The work is bounded (store.SearchWindow): the count stops after
// store.SearchCountCap matches, and the ranking query ranks a window of at
// most store.SearchWindow matches: the pages whose title holds every word
// (the title column's own query, "title : (...)"), then the first other
// matches in rowid order, the index's own order, so that FTS5 stops reading
// the words' lists early. When fewer pages match than the window holds, the
// window is every match: the ranking is exact.
//
// Snippets are store.Snippet's, made in Go from the first
// store.SnippetScanBytes of each returned hit's text, not FTS5's snippet():
// that costs time quadratic in the matches inside a document (a page with a
// word 20,000 times took seconds), and a snippet() in the ranking query is
// computed for every match before the LIMIT. So the inner query ranks and
// pages, and the outer one reads a bounded prefix of the text of the rows
// returned only.
//
// Every query runs with ctx: the driver interrupts SQLite when it is done,
// and an error then wraps ctx.Err() (context.Canceled or
// context.DeadlineExceeded).
func (s *Store) SearchPages(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, store.SearchTotal, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, store.SearchTotal{}, nil
	}
	window, countCap := store.SearchBounds()
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM page_fts WHERE page_fts MATCH ? LIMIT ?)`,
		match, countCap+1).Scan(&n); err != nil {
		return nil, store.SearchTotal{}, searchErr(ctx, "search count", err)
	}
	total := store.CountedTotal(n, window, countCap)
	offset = max(offset, 0)
	if total.Ranked == 0 || limit == 0 || offset >= total.Ranked {
		return nil, total, nil
	}
	hits, err := s.rankWindow(ctx, query, match, n > window, window, offset, limit)
	if err != nil {
		return nil, store.SearchTotal{}, err
	}
	return hits, total, nil
}

// rankWindow ranks the window of the matches of match (SearchPages) and
// returns the hits from offset on, up to limit (negative: no limit). t is
// the title matches, read only when titles (more matches than the window:
// otherwise m holds them); m the first matches in rowid order, twice the window so
// that window of them are not title matches; w the window, title matches
// first, then the rest of m in rowid order. The ranking query reads the
// matches' rowids in order and computes bm25 for the window's only: the "+"
// keeps "rowid IN w" from FTS5, which would run the whole query again for
// each rowid of the window (3 s for a window of 2,000 at 10^5 pages, against
// 10 ms).
func (s *Store) rankWindow(ctx context.Context, query, match string, titles bool, window, offset, limit int) ([]store.SearchHit, error) {
	rows, err := s.r.QueryContext(ctx, `WITH
			t AS MATERIALIZED (SELECT rowid AS id FROM page_fts WHERE ? AND page_fts MATCH ? LIMIT ?),
			m AS MATERIALIZED (SELECT rowid AS id FROM page_fts WHERE page_fts MATCH ? LIMIT ?),
			w AS (SELECT id FROM (SELECT id, 0 AS k FROM t UNION ALL SELECT id, 1 FROM m WHERE id NOT IN t)
				ORDER BY k, id LIMIT ?)
		SELECT h.title, substr(f.text, 1, ?), h.rank
		FROM (
			SELECT page_fts.rowid AS id, p.title AS title, bm25(page_fts, 10.0, 1.0) AS rank
			FROM page_fts JOIN page p ON p.id = page_fts.rowid
			WHERE page_fts MATCH ? AND +page_fts.rowid IN w ORDER BY rank, p.title LIMIT ? OFFSET ?
		) h
		JOIN page_fts f ON f.rowid = h.id
		ORDER BY h.rank, h.title`,
		titles, "title : ("+match+")", window, match, 2*window, window,
		store.SnippetScanBytes+1, match, limit, offset)
	if err != nil {
		return nil, searchErr(ctx, "search", err)
	}
	defer rows.Close()
	terms := store.SearchTerms(query)
	var hits []store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		var text string
		if err := rows.Scan(&h.Title, &text, &h.Rank); err != nil {
			return nil, searchErr(ctx, "search", err)
		}
		h.Snippet = store.Snippet(text, terms)
		h.Rank = -h.Rank // bm25 is lower-is-better; SearchHit.Rank is higher-is-better
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, searchErr(ctx, "search", err)
	}
	return hits, nil
}

// searchErr is mapErr, and when ctx is done an error that wraps ctx.Err():
// the driver reports an interrupted statement as SQLITE_INTERRUPT.
func searchErr(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("sqlite: %s: %w (%v)", op, ctx.Err(), err)
	}
	return mapErr(op, err)
}

// ftsQuery turns free text into an FTS5 query: each word of
// store.SearchQuery quoted (its tokens are letters and digits only, so the
// quotes hold them whole), all of them required. A word of Han or kana is
// the phrase of its pairs of characters ("日本 本語"), or, as a single
// character, a prefix ("京"*).
func ftsQuery(q string) string {
	var words []string
	for _, w := range store.SearchQuery(q) {
		term := `"` + strings.Join(w.Tokens, " ") + `"`
		if w.Prefix {
			term += "*"
		}
		words = append(words, term)
	}
	return strings.Join(words, " ")
}

// titleWords is the form of a title the index's title column holds.
func titleWords(title string) string { return store.SearchWords(store.SearchTitle(title)) }

// TitlesWithPrefix implements store.Search: a range scan of the page
// table's title index (BINARY collation: byte order).
func (s *Store) TitlesWithPrefix(ctx context.Context, prefix string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	limit = min(limit, store.MaxPrefixTitles)
	q, args := `SELECT title FROM page WHERE title >= ? AND deleted = 0`, []any{prefix}
	if end := store.PrefixEnd(prefix); end != "" {
		q, args = q+` AND title < ?`, append(args, end)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY title LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, mapErr("titles with prefix", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, mapErr("titles with prefix", err)
		}
		if strings.HasPrefix(t, prefix) {
			out = append(out, t)
		}
	}
	return out, mapErr("titles with prefix", rows.Err())
}

// ReindexQueue implements store.Search.
func (s *Store) ReindexQueue(ctx context.Context, limit int) ([]int64, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT page_id FROM search_reindex ORDER BY page_id LIMIT ?`, limit)
	if err != nil {
		return nil, mapErr("reindex queue", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr("reindex queue", err)
		}
		out = append(out, id)
	}
	return out, mapErr("reindex queue", rows.Err())
}

// ReindexPage implements store.Search.
func (s *Store) ReindexPage(ctx context.Context, pageID, revID int64, text string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_reindex WHERE page_id = ?`, pageID); err != nil {
			return mapErr("reindex", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE page_fts SET body = ?, text = ? WHERE rowid = ?
			AND EXISTS (SELECT 1 FROM page WHERE id = ? AND deleted = 0 AND latest_rev = ?)`,
			store.SearchWords(text), text, pageID, pageID, revID); err != nil {
			return mapErr("reindex", err)
		}
		return nil
	})
}
