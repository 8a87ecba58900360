package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
)

// TestUpgradeTo0010 migrates a database whose pages recorded their file
// embeds as links to File pages: 0010_file_link takes those as embeds.
func TestUpgradeTo0010(t *testing.T) {
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
	upTo := slices.Index(names, "0010_file_link")
	if upTo < 0 {
		t.Fatal("no 0010_file_link step")
	}
	for _, name := range names[:upTo] {
		if err := old.applyStep(ctx, name, sqls[name]); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) VALUES (1, 'Gallery', 1), (2, 'Other', 1)`,
		`INSERT INTO link (from_page, to_title) VALUES (1, 'File:Cat.png'), (1, 'Foo'), (2, 'File:Cat.png'), (2, 'File_talk:Cat.png'), (2, 'File:')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()

	s, err := Open(ctx, path) // applies 0010 and later
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.PagesEmbedding(ctx, "Cat.png", 10)
	if err != nil || !slices.Equal(got, []string{"Gallery", "Other"}) {
		t.Fatalf("PagesEmbedding after 0010 = %q, %v; want [Gallery Other]", got, err)
	}
}
