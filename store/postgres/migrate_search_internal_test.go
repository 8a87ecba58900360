package postgres

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/internal/pgtest"
)

// TestUpgradeTo0008 migrates a schema whose search index holds Markdown:
// 0008_search_plain_text queues its live pages, not its deleted ones, for
// the re-index.
func TestUpgradeTo0008(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn := pgtest.Schema(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	upTo := slices.IndexFunc(migrations, func(m migration) bool { return m.name == "0008_search_plain_text" })
	if upTo < 0 {
		t.Fatal("no 0008_search_plain_text step")
	}
	for _, m := range migrations[:upTo] {
		if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error { return applyStep(ctx, tx, m) }); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) OVERRIDING SYSTEM VALUE VALUES (4, 'Live', now()), (5, 'Gone', now()), (9, 'Also_live', now())`,
		`UPDATE page SET deleted = TRUE WHERE id = 5`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)

	s, err := Open(ctx, dsn) // applies 0008 and later
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids, err := s.ReindexQueue(ctx, 10)
	if err != nil || !slices.Equal(ids, []int64{4, 9}) {
		t.Fatalf("ReindexQueue after 0008 = %v, %v; want [4 9]", ids, err)
	}
}

// TestUpgradeTo0013 opens a schema whose index was built in 'simple' from
// words only lower-cased (accents kept, 日本語の文章 one word): Open rewrites
// every row into store.SearchWords's form in the default configuration
// (english), and SetSearchLanguage("de") into german.
func TestUpgradeTo0013(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn := pgtest.Schema(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	upTo := slices.IndexFunc(migrations, func(m migration) bool { return m.name == "0013_search_language" })
	if upTo < 0 {
		t.Fatal("no 0013_search_language step")
	}
	for _, m := range migrations[:upTo] {
		if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error { return applyStep(ctx, tx, m) }); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) OVERRIDING SYSTEM VALUE VALUES (4, 'Häuser', now()), (9, '日本語', now())`,
		`INSERT INTO page_search (page_id, title, body, doc) VALUES
			(4, 'Häuser', 'Die Häuser am Fluss.', to_tsvector('simple', 'häuser die häuser am fluss')),
			(9, '日本語', 'これは日本語の文章です。', to_tsvector('simple', '日本語 これは日本語の文章です'))`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)

	s, err := Open(ctx, dsn) // applies 0013 and rewrites the rows
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	find := func(q string) []string {
		t.Helper()
		hits, _, err := s.SearchPages(ctx, q, 0, 10)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var titles []string
		for _, h := range hits {
			titles = append(titles, h.Title)
		}
		return titles
	}
	for q, want := range map[string]string{"hauser": "Häuser", "日本": "日本語", "文章": "日本語"} {
		if got := find(q); !slices.Equal(got, []string{want}) {
			t.Errorf("search %q after 0013 = %q, want [%s]", q, got, want)
		}
	}
	if got := find("haus"); got != nil {
		t.Errorf("search haus in english = %q, want none", got)
	}
	if err := s.SetSearchLanguage(ctx, "de"); err != nil {
		t.Fatal(err)
	}
	if got := find("haus"); !slices.Equal(got, []string{"Häuser"}) {
		t.Errorf("search haus in german = %q, want [Häuser]", got)
	}
	var config string
	if err := s.pool.QueryRow(ctx, `SELECT config::text FROM search_config`).Scan(&config); err != nil || config != "german" {
		t.Errorf("search_config = %q, %v; want german", config, err)
	}
}
