package readingtime_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/extensions/readingtime"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store/sqlite"
)

func TestOf(t *testing.T) {
	for words, want := range map[int]int{0: 0, 1: 1, 200: 1, 201: 2, 1000: 5} {
		if got := readingtime.Of(words).Minutes; got != want {
			t.Errorf("Of(%d).Minutes = %d, want %d", words, got, want)
		}
	}
}

// TestStoredInPageInfo: a save computes the reading time once, into the
// revision's PageInfo.
func TestStoredInPageInfo(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := pageinfo.NewCache(st, pageinfo.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	text := strings.Repeat("word ", 450)
	if _, err := pageinfo.NewSaver(st, c, 1<<20).Save(context.Background(), pageinfo.Edit{Title: "Long", Text: text}); err != nil {
		t.Fatal(err)
	}
	pi, err := c.Latest(context.Background(), "Long")
	if err != nil {
		t.Fatal(err)
	}
	var info readingtime.Info
	if err := json.Unmarshal(pi.Ext[readingtime.ID], &info); err != nil {
		t.Fatalf("Ext[%s] = %s: %v", readingtime.ID, pi.Ext[readingtime.ID], err)
	}
	if info.Words != 450 || info.Minutes != 3 {
		t.Fatalf("reading time = %+v, want 450 words, 3 minutes", info)
	}
}
