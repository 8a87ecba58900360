package store

import "context"

// SearchHit is one full-text search result.
type SearchHit struct {
	Title   string
	Snippet string // plain text around the matched terms
	Rank    float64
}

// Search finds pages by their current text and title. A query has no
// syntax: it is split into words (store.SearchTerms) and a page matches when
// it holds every word, in its title or its text, case-insensitively (accents
// count: "cafe" does not find "café" on either backend). A query without
// words matches nothing and is not an error. Deleted pages are not indexed.
type Search interface {
	// SearchPages returns up to limit hits, best first, skipping offset, and
	// the total number of matches.
	SearchPages(ctx context.Context, query string, offset, limit int) ([]SearchHit, int, error)
}
