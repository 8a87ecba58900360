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
// title), skipping offset, and how many pages match. Every word of the query
// must match, in the title or the text; titles weigh more. The query has no
// syntax: punctuation only separates words, so a query without words (empty,
// or only punctuation) matches nothing. A negative limit means no limit.
//
// The work is bounded (store.SearchWindow), in one query (searchSQL) so
// that the index of the text is read once: a GIN index can only build a
// bitmap of every match before the table is read, which is the one cost
// that still grows with the matches (some 40 ms for 600,000 of them). The
// first store.SearchCountCap+1 matches in the bitmap's order are counted;
// when there are more than the window, the window is the pages whose title
// holds every word, through the index of the titles' words
// (page_search_title, 0014), then the others of those first matches,
// oldest page first. ts_rank reads the documents of the window's rows only.
// When fewer pages match than the window holds, the window is every match:
// the ranking is exact. The query runs with work_mem searchWorkMem, so that
// the bitmap of a word most pages hold stays exact (a lossy one has the
// database read and match the document of every row of its pages again),
// and without parallel workers, whose rows would come in no set order: the
// first matches, and so the window, would change from one page of results
// to the next.
//
// Snippets are store.Snippet's, made in Go from the first
// store.SnippetScanBytes of each returned hit's text, not ts_headline's: that
// parses the whole text (half a second for five 1.8 MB pages). substr of a
// TOASTed text reads only the slice it returns.
//
// Every query runs with ctx: pgx cancels the query on the server when it is
// done, and an error then wraps ctx.Err() (context.Canceled or
// context.DeadlineExceeded).
func (s *Store) SearchPages(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, store.SearchTotal, error) {
	words := tsQuery(query)
	if words == "" {
		return nil, store.SearchTotal{}, nil
	}
	window, countCap := store.SearchBounds()
	offset = max(offset, 0)
	var n int
	var hits []store.SearchHit
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT set_config('work_mem', $1, true),
			set_config('max_parallel_workers_per_gather', '0', true)`, searchWorkMem); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, searchSQL, words, offset, limitArg(limit), store.SnippetScanBytes+1, window, countCap+1)
		if err != nil {
			return err
		}
		defer rows.Close()
		terms := store.SearchTerms(query)
		for rows.Next() {
			var title, text *string // NULL: the one row of a search without hits
			var rank *float64
			if err := rows.Scan(&n, &title, &text, &rank); err != nil {
				return err
			}
			if title != nil {
				hits = append(hits, store.SearchHit{Title: *title, Snippet: store.Snippet(*text, terms), Rank: *rank})
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, store.SearchTotal{}, searchErr(ctx, query, err)
	}
	return hits, store.CountedTotal(n, window, countCap), nil
}

// searchWorkMem is the work_mem of a search: enough for an exact bitmap of
// every row of a table of 10^7 pages.
const searchWorkMem = "64MB"

// searchSQL is SearchPages's query: $1 the tsQuery, $2 the offset, $3 the
// limit (NULL: none), $4 the snippet's prefix, $5 the window, $6 the count
// cap plus one. m is the first matches in the bitmap's order, n their count;
// t the title matches, read only when n is past the window (the condition
// on n is a one-time filter: no scan otherwise); w the window, title matches
// first, then the rest of m, oldest page first; h the window's hits ranked
// (ties by title) and paged. The result is one row per hit, each with n,
// or, when there is none, one row of n alone: the text is read only for the
// rows returned, and only its first characters.
const searchSQL = `WITH
	m AS MATERIALIZED (
		SELECT page_id FROM page_search WHERE doc @@ ` + tsQueryOf1 + ` LIMIT $6),
	n AS (SELECT count(*) AS n FROM m),
	t AS MATERIALIZED (
		SELECT page_id FROM page_search
		WHERE ts_filter(doc, '{a}') @@ ` + tsQueryOf1 + ` AND (SELECT n FROM n) > $5
		LIMIT $5),
	w AS (
		SELECT page_id FROM (
			SELECT page_id, 0 AS k FROM t
			UNION ALL
			SELECT page_id, 1 FROM m WHERE page_id NOT IN (SELECT page_id FROM t)
		) c ORDER BY k, page_id LIMIT $5),
	h AS (
		SELECT ` + pageTitle + ` AS title, s.body, ts_rank(s.doc, ` + tsQueryOf1 + `)::float8 AS rank
		FROM page_search s WHERE s.page_id = ANY (ARRAY(SELECT page_id FROM w))
		ORDER BY rank DESC, title
		OFFSET $2 LIMIT $3)
	SELECT n.n, h.title, substr(h.body, 1, $4), h.rank
	FROM n LEFT JOIN h ON true
	ORDER BY h.rank DESC, h.title`

// pageTitle is the SQL of the page's title from its row s of page_search,
// whose title is store.SearchTitle's (a canonical title has no spaces), in
// the collation of page.title ("C": byte order). Ranking reads it rather
// than joining page, so that it reads no table but the index's.
const pageTitle = `replace(s.title, ' ', '_') COLLATE "C"`

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
