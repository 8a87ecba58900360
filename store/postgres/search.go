package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// The index's words are store.SearchWords's, made in Go: lower-cased,
// accents folded, Han and kana as pairs of characters. Splitting and folding
// in Go rather than with the database's parser makes words the same as in
// the SQLite backend, and case-insensitive beyond ASCII under any database
// locale, including C. The database then stems them and drops stop words
// with the text search configuration of search_config (the content
// language's: store.SearchConfig), which every write and query reads.

// searchDoc is the SQL of a row's tsvector from its title's words (the
// parameter title, weight A) and its text's (body, weight B), in the
// configuration c.config.
func searchDoc(title, body string) string {
	return `setweight(to_tsvector(c.config, ` + title + `), 'A') || setweight(to_tsvector(c.config, ` + body + `), 'B')`
}

// indexPage replaces the page's row of the full-text index: its title (with
// spaces for underscores) and its text.
func indexPage(ctx context.Context, tx pgx.Tx, pageID int64, title, body string) error {
	title = store.SearchTitle(title)
	_, err := tx.Exec(ctx, `INSERT INTO page_search (page_id, title, body, doc)
		SELECT $1, $2, $3, `+searchDoc("$4", "$5")+` FROM search_config c WHERE c.id = 1
		ON CONFLICT (page_id) DO UPDATE
		SET title = EXCLUDED.title, body = EXCLUDED.body, doc = EXCLUDED.doc`,
		pageID, title, body, store.SearchWords(title), store.SearchWords(body))
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
//
// Snippets are store.Snippet's, made in Go from the first
// store.SnippetScanBytes of each returned hit's text, not ts_headline's: that
// parses the whole text (half a second for five 1.8 MB pages). substr of a
// TOASTed text reads only the slice it returns.
//
// Every query runs with ctx: pgx cancels the query on the server when it is
// done, and an error then wraps ctx.Err() (context.Canceled or
// context.DeadlineExceeded).
func (s *Store) SearchPages(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, int, error) {
	words := tsQuery(query)
	if words == "" {
		return nil, 0, nil
	}
	offset = max(offset, 0)

	var total int
	err := s.pool.QueryRow(ctx, `SELECT count(*)
		FROM page_search s WHERE s.doc @@ `+tsQueryOf1, words).Scan(&total)
	if err != nil {
		return nil, 0, searchErr(ctx, query, err)
	}
	if total == 0 || offset >= total || limit == 0 {
		return nil, total, nil
	}

	// The inner query ranks and pages; the text is read only for the rows
	// returned, and only its first characters.
	rows, err := s.pool.Query(ctx, `SELECT h.title, substr(h.body, 1, $4), h.rank
		FROM (
			SELECT p.title, s.body, ts_rank(s.doc, `+tsQueryOf1+`)::float8 AS rank
			FROM page_search s
			JOIN page p ON p.id = s.page_id
			WHERE s.doc @@ `+tsQueryOf1+`
			ORDER BY rank DESC, p.title
			OFFSET $2 LIMIT $3
		) h
		ORDER BY h.rank DESC, h.title`, words, offset, limitArg(limit), store.SnippetScanBytes+1)
	if err != nil {
		return nil, 0, searchErr(ctx, query, err)
	}
	terms := store.SearchTerms(query)
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SearchHit, error) {
		var h store.SearchHit
		var text string
		err := r.Scan(&h.Title, &text, &h.Rank)
		h.Snippet = store.Snippet(text, terms)
		return h, err
	})
	if err != nil {
		return nil, 0, searchErr(ctx, query, err)
	}
	return hits, total, nil
}

// tsQueryOf1 is the SQL of the tsquery of parameter $1 (tsQuery's text) in
// the index's configuration. The configuration is a scalar subquery (an
// InitPlan), not a join: only then does "doc @@" use the GIN index.
const tsQueryOf1 = `to_tsquery((SELECT config FROM search_config WHERE id = 1), $1)`

// tsQuery turns free text into a to_tsquery query: the words of
// store.SearchQuery joined by & (all required), a word of Han or kana the
// phrase of its pairs (日本 <-> 本語) or, as a single character, a prefix
// (京:*). Its tokens are letters and digits only: the query's own
// punctuation never reaches tsquery's syntax.
func tsQuery(q string) string {
	var words []string
	for _, w := range store.SearchQuery(q) {
		term := strings.Join(w.Tokens, " <-> ")
		if w.Prefix {
			term += ":*"
		}
		words = append(words, "("+term+")")
	}
	return strings.Join(words, " & ")
}

// searchErr wraps a search's error, and ctx.Err() when ctx is done: pgx
// does not always wrap it (a query cancelled on the server fails with
// query_canceled).
func searchErr(ctx context.Context, query string, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("postgres: search %q: %w (%w)", query, ctx.Err(), dbErr(err))
	}
	return fmt.Errorf("postgres: search %q: %w", query, dbErr(err))
}

// TitlesWithPrefix implements store.Search: a range scan of the page
// table's title index (collation "C": byte order).
func (s *Store) TitlesWithPrefix(ctx context.Context, prefix string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	limit = min(limit, store.MaxPrefixTitles)
	rows, err := s.pool.Query(ctx, `SELECT title FROM page
		WHERE title >= $1 AND ($2 = '' OR title < $2) AND starts_with(title, $1) AND NOT deleted
		ORDER BY title LIMIT $3`, prefix, store.PrefixEnd(prefix), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: titles with prefix %q: %w", prefix, dbErr(err))
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: titles with prefix %q: %w", prefix, dbErr(err))
	}
	return titles, nil
}

// ReindexQueue implements store.Search.
func (s *Store) ReindexQueue(ctx context.Context, limit int) ([]int64, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT page_id FROM search_reindex ORDER BY page_id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: reindex queue: %w", dbErr(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("postgres: reindex queue: %w", dbErr(err))
	}
	return ids, nil
}

// ReindexPage implements store.Search. It locks the page row first, as a
// save does (same lock order: no deadlock), so that it cannot overwrite the
// row of a save that came first.
func (s *Store) ReindexPage(ctx context.Context, pageID, revID int64, text string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var title string
		var latest int64
		var deleted bool
		err := tx.QueryRow(ctx, `SELECT title, latest_rev, deleted FROM page WHERE id = $1 FOR UPDATE`,
			pageID).Scan(&title, &latest, &deleted)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("postgres: reindex: %w", dbErr(err))
		}
		if _, err := tx.Exec(ctx, `DELETE FROM search_reindex WHERE page_id = $1`, pageID); err != nil {
			return fmt.Errorf("postgres: reindex: %w", dbErr(err))
		}
		if err != nil || deleted || latest != revID {
			return nil
		}
		if err := indexPage(ctx, tx, pageID, title, text); err != nil {
			return fmt.Errorf("postgres: reindex: %w", err)
		}
		return nil
	})
}
