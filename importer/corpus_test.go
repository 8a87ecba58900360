package importer_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
)

// corpusDir is a corpus of the repository's testdata/corpus.
func corpusDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "testdata", "corpus", name, "pages")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("corpus %s: %v", name, err)
	}
	return dir
}

// TestImportCorpora imports both real wikis into an empty store: every file
// becomes a page whose text is the file's, and a second import changes nothing.
func TestImportCorpora(t *testing.T) {
	for _, name := range []string{"silverbullet-docs", "rustc-dev-guide"} {
		t.Run(name, func(t *testing.T) {
			src := corpusDir(t, name)
			st := openStore(t)
			rep := run(t, st, src, 2<<20)
			if len(rep.Skipped) != 0 {
				t.Errorf("skipped %v", rep.Skipped)
			}
			files := 0
			err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				files++
				rel, _ := filepath.Rel(src, p)
				title, err := router.NormalizeTitle(strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
				if err != nil {
					t.Errorf("%s: %v", rel, err)
					return nil
				}
				want, _ := os.ReadFile(p)
				rev, err := st.LatestRevision(context.Background(), title)
				if err != nil {
					t.Errorf("%s → %s: %v", rel, title, err)
					return nil
				}
				if rev.Text != strings.TrimRight(strings.ReplaceAll(string(want), "\r\n", "\n"), " \t\r\n") {
					t.Errorf("%s: stored text differs from the file", rel)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Created != files {
				t.Errorf("created %d pages from %d files", rep.Created, files)
			}
			t.Logf("%s: %d pages in %s", name, rep.Created, rep.Elapsed)
			again := run(t, st, src, 2<<20)
			if again.Changed() != 0 || again.Unchanged != files {
				t.Fatalf("second import: %+v, want 0 changes", again)
			}
		})
	}
}
