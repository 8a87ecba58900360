package pageinfo_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

func sqliteStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// tooComplex is a page over the markdown renderer's work budget.
func tooComplex() string {
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "x[^%d]\n", i)
	}
	b.WriteString("\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "[^%d]: n\n", i)
	}
	return b.String()
}

// A page over the render budget is bad input to a save or a preview (a
// 4xx, through ErrInvalidText), and nothing is written.
func TestTooComplexIsInvalidText(t *testing.T) {
	st := sqliteStore(t)
	_, s := newCache(t, st)
	_, err := s.Save(context.Background(), pageinfo.Edit{Title: "Notes", Text: tooComplex(), UserName: "Tester"})
	if !errors.Is(err, pageinfo.ErrInvalidText) || !errors.Is(err, markdown.ErrTooComplex) {
		t.Fatalf("save: err = %v, want ErrInvalidText and markdown.ErrTooComplex", err)
	}
	if _, err := st.LatestRevision(context.Background(), "Notes"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the page was written: %v", err)
	}
	_, err = s.Preview(context.Background(), "Notes", tooComplex())
	if !errors.Is(err, pageinfo.ErrInvalidText) || !errors.Is(err, markdown.ErrTooComplex) {
		t.Fatalf("preview: err = %v, want ErrInvalidText and markdown.ErrTooComplex", err)
	}
}

// A stored revision over the budget (saved before it, or under a larger
// one) is shown as its source, as a render too large is.
func TestTooComplexRevisionFallsBack(t *testing.T) {
	st := sqliteStore(t)
	c, _ := newCache(t, st)
	if _, err := st.SaveRevision(context.Background(), store.SaveRequest{Title: "Notes", Text: tooComplex()}); err != nil {
		t.Fatal(err)
	}
	pi := latest(t, c, "Notes")
	if !strings.HasPrefix(pi.HTML, `<pre class="render-fallback">`) {
		t.Fatalf("HTML starts %q", pi.HTML[:min(80, len(pi.HTML))])
	}
}

// Links to Special: pages are blue when the router knows the page, red
// otherwise; they never point at an edit form of a known special page.
func TestSpecialLinks(t *testing.T) {
	st := sqliteStore(t)
	_, s := newCache(t, st)
	pi, err := s.Preview(context.Background(), "P", "[[Special:Unknown]] [[Special:RecentChanges]] [[special:allpages|all]] [[Special:Search/foo bar]] [[Special:UserLogin]]")
	if err != nil {
		t.Fatal(err)
	}
	if linkTo(pi, "Special:Unknown") != "red" || !strings.Contains(pi.HTML, `class="new" href="/-/edit/Special:Unknown"`) {
		t.Errorf("Special:Unknown is not red: %v\n%s", pi.Links, pi.HTML)
	}
	for _, known := range []string{"Special:RecentChanges", "Special:Allpages", "Special:Search/foo_bar", "Special:UserLogin"} {
		if linkTo(pi, known) != "blue" {
			t.Errorf("%s is %s, want blue", known, linkTo(pi, known))
		}
		if !strings.Contains(pi.HTML, `href="/wiki/`+known+`"`) {
			t.Errorf("%s does not link to its view:\n%s", known, pi.HTML)
		}
	}
	if n := strings.Count(pi.HTML, `class="new"`); n != 1 {
		t.Errorf("%d red links, want 1:\n%s", n, pi.HTML)
	}
}
