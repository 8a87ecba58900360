package dump

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// TestExportChunks: Export lists pages and writes long histories a chunk
// at a time, and every page and revision comes out once, in order.
func TestExportChunks(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	titles := []string{"A", "A/b", "Ab", "B", "Zürich"}
	for i, title := range titles {
		var base int64
		for r := range i + 1 {
			res, err := st.SaveRevision(ctx, store.SaveRequest{Title: title, Text: fmt.Sprintf("%s %d", title, r), BaseRevID: base, UserName: "Ann"})
			if err != nil {
				t.Fatal(err)
			}
			base = res.Revision.ID
		}
	}
	old := exportPage
	exportPage = 2
	defer func() { exportPage = old }()
	var b bytes.Buffer
	pages, revs, err := Export(ctx, st, &b, "test")
	if err != nil || pages != 5 || revs != 15 {
		t.Fatalf("Export = %d pages, %d revisions, %v; want 5, 15", pages, revs, err)
	}
	r, err := NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i, title := range titles {
		p, err := r.Next()
		if err != nil || p.Title != title || len(p.Revisions) != i+1 {
			t.Fatalf("page %d = %q with %d revisions, %v; want %q with %d", i, p.Title, len(p.Revisions), err, title, i+1)
		}
		for k, rev := range p.Revisions {
			if want := fmt.Sprintf("%s %d", title, k); rev.Text != want || rev.User != "Ann" {
				t.Fatalf("%s revision %d = %+v, want %q", title, k, rev, want)
			}
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("after the last page: %v", err)
	}
}
