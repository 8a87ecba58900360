package postgres

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/pgtest"
)

// TestSearchUsesIndex: with the configuration read from search_config, a
// search still finds its rows through the GIN index on page_search.doc
// (a join with search_config made every search a scan of the whole index
// table), and the ranking of the window finds title matches through the
// index of titles (page_search_title) and reads no table whole.
func TestSearchUsesIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) OVERRIDING SYSTEM VALUE
			SELECT i, 'P' || i, now() FROM generate_series(1, 5000) i`,
		`INSERT INTO page_search (page_id, title, body, doc)
			SELECT i, 'P' || i, 'word' || i, to_tsvector('english', 'word' || i || ' common text') FROM generate_series(1, 5000) i`,
		`ANALYZE page_search`,
	} {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	plan := explain(ctx, t, s, `SELECT count(*) FROM page_search s WHERE s.doc @@ `+tsQueryOf1, tsQuery("word17"))
	if !strings.Contains(plan, "Index Scan on page_search_doc") {
		t.Errorf("search plan does not use page_search_doc:\n%s", plan)
	}
	plan = explain(ctx, t, s, searchSQL, tsQuery("common"), 0, 20, 100, 50, 1001)
	for _, index := range []string{"Index Scan on page_search_title", "Index Scan on page_search_doc"} {
		if !strings.Contains(plan, index) {
			t.Errorf("ranking plan has no %s:\n%s", index, plan)
		}
	}
	if strings.Contains(plan, "Seq Scan on page") {
		t.Errorf("ranking plan reads a table whole:\n%s", plan)
	}
}

// explain returns the plan of query with args.
func explain(ctx context.Context, t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	var plan strings.Builder
	rows, err := s.pool.Query(ctx, `EXPLAIN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}
