package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
)

// TestUpgradeTo0008 migrates a database whose search index holds Markdown:
// 0008_search_plain_text queues its live pages, not its deleted ones, for
// the re-index.
func TestUpgradeTo0008(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "folio.db")
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	old := &Store{w: w, path: path, events: newHub()}
	if _, err := w.ExecContext(ctx, `CREATE TABLE schema_version (name TEXT PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	names, sqls := migrations()
	upTo := slices.Index(names, "0008_search_plain_text")
	if upTo < 0 {
		t.Fatal("no 0008_search_plain_text step")
	}
	for _, name := range names[:upTo] {
		if err := old.applyStep(ctx, name, sqls[name]); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) VALUES (4, 'Live', 1), (5, 'Gone', 1), (9, 'Also_live', 1)`,
		`UPDATE page SET deleted = 1 WHERE id = 5`,
		`INSERT INTO page_fts (rowid, title, body) VALUES (4, 'Live', '**md**'), (9, 'Also live', '[[x]]')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()

	s, err := Open(ctx, path) // applies 0008 and later
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids, err := s.ReindexQueue(ctx, 10)
	if err != nil || !slices.Equal(ids, []int64{4, 9}) {
		t.Fatalf("ReindexQueue after 0008 = %v, %v; want [4 9]", ids, err)
	}
	if ids, _ := s.ReindexQueue(ctx, 1); !slices.Equal(ids, []int64{4}) {
		t.Errorf("ReindexQueue(1) = %v, want [4]", ids)
	}
}

// TestUpgradeTo0013 opens a database whose index holds plain text as
// unicode61 split it (accents kept, 日本語の文章 one word): 0013_search_language
// copies the rows, and Open rewrites them into store.SearchWords's form, so
// accents fold and a two-character Japanese word is found; the snippet is
// still the plain text.
func TestUpgradeTo0013(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "folio.db")
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	old := &Store{w: w, path: path, events: newHub()}
	if _, err := w.ExecContext(ctx, `CREATE TABLE schema_version (name TEXT PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	names, sqls := migrations()
	upTo := slices.Index(names, "0013_search_language")
	if upTo < 0 {
		t.Fatal("no 0013_search_language step")
	}
	for _, name := range names[:upTo] {
		if err := old.applyStep(ctx, name, sqls[name]); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) VALUES (4, 'Café', 1), (9, '日本語', 1)`,
		`INSERT INTO page_fts (rowid, title, body) VALUES (4, 'Café', 'Un café crème.'), (9, '日本語', 'これは日本語の文章です。')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if hits, err := ftsCount(ctx, w, "cafe"); err != nil || hits != 0 {
		t.Fatalf("search cafe before 0013 = %d hits, %v; want none (the upgrade must make the difference)", hits, err)
	}
	w.Close()

	s, err := Open(ctx, path) // applies 0013 and rewrites the rows
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for q, want := range map[string]string{"cafe": "Café", "CREME": "Café", "日本": "日本語", "文章": "日本語"} {
		hits, total, err := s.SearchPages(ctx, q, 0, 10)
		if err != nil || total.Count != 1 || hits[0].Title != want {
			t.Errorf("search %q after 0013 = %v (total %+v), %v; want %s", q, hits, total, err, want)
		}
	}
	hits, _, _ := s.SearchPages(ctx, "日本", 0, 10)
	if len(hits) == 1 && hits[0].Snippet != "これは日本語の文章です。" {
		t.Errorf("snippet after 0013 = %q, want the plain text", hits[0].Snippet)
	}
}

// ftsCount counts the rows of page_fts matching the word q on db.
func ftsCount(ctx context.Context, db *sql.DB, q string) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM page_fts WHERE page_fts MATCH ?`, `"`+q+`"`).Scan(&n)
	return n, err
}
