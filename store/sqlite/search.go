package sqlite

import (
	"context"
	"strings"

	"github.com/foliowiki/folio/store"
)

// SearchPages implements store.Search with FTS5. Every word of the query must
// match (in the title or the text); titles weigh ten times the text in the
// BM25 rank. The user's query never reaches FTS5's query syntax: each word is
// quoted.
func (s *Store) SearchPages(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, int, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, 0, nil
	}
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM page_fts WHERE page_fts MATCH ?`, match).Scan(&total); err != nil {
		return nil, 0, mapErr("search count", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT p.title, snippet(page_fts, 1, '', '', '…', 16), bm25(page_fts, 10.0, 1.0) AS rank
		FROM page_fts JOIN page p ON p.id = page_fts.rowid
		WHERE page_fts MATCH ? ORDER BY rank, p.title LIMIT ? OFFSET ?`, match, limit, offset)
	if err != nil {
		return nil, 0, mapErr("search", err)
	}
	defer rows.Close()
	var hits []store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		if err := rows.Scan(&h.Title, &h.Snippet, &h.Rank); err != nil {
			return nil, 0, mapErr("search", err)
		}
		h.Rank = -h.Rank // bm25 is lower-is-better; SearchHit.Rank is higher-is-better
		hits = append(hits, h)
	}
	return hits, total, mapErr("search", rows.Err())
}

// ftsQuery turns free text into an FTS5 query of quoted terms.
func ftsQuery(q string) string {
	words := store.SearchTerms(q)
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}
