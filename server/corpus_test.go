package server_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/importer"
	"github.com/foliowiki/folio/router"
)

// TestCorpusViews imports each real wiki of testdata/corpus and views every
// page: all answer 200, and every wiki link a page holds resolves to a page
// of the corpus or is a red link to /-/edit/.
func TestCorpusViews(t *testing.T) {
	t.Parallel() // a browser for a minute: beside the package's other tests
	for _, name := range []string{"silverbullet-docs", "rustc-dev-guide"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("..", "testdata", "corpus", name, "pages")
			if _, err := os.Stat(src); err != nil {
				t.Fatal(err)
			}
			srv, st := newServer(t)
			rep, err := importer.Import(context.Background(), srv.Saver, st, importer.Options{Source: src, MaxPageBytes: 2 << 20})
			if err != nil || len(rep.Skipped) > 0 {
				t.Fatalf("import: %v, skipped %v", err, rep.Skipped)
			}
			pages, err := st.ListPages(context.Background(), "", 10000)
			if err != nil {
				t.Fatal(err)
			}
			links, red := 0, 0
			for _, p := range pages {
				rec := get(t, srv, "GET", router.TitleURL(p.Title))
				if rec.Code != http.StatusOK {
					t.Errorf("GET %s = %d", router.TitleURL(p.Title), rec.Code)
					continue
				}
				pi, err := srv.Pages.Latest(context.Background(), p.Title)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range pi.Links {
					links++
					if !l.Exists {
						red++
					}
				}
			}
			t.Logf("%s: %d pages viewed, %d distinct links per page summed, %d red", name, len(pages), links, red)
			if links == 0 {
				t.Fatal("no links found in the corpus")
			}
		})
	}
}
