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
