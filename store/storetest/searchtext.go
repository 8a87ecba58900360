package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/foliowiki/folio/store"
)

// testSearchText: a save's SearchText is what the index holds (the
// rendering's plain text), not the Markdown source; undeletions and the
// redirect a move leaves index theirs too.
func testSearchText(t *testing.T, s store.Store) {
	res, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Plain", Text: "**Bold** [[Target|shown]] markup",
		SearchText: "Bold shown words", UserName: "Tester"})
	if err != nil {
		t.Fatal(err)
	}
	hits, _, err := s.SearchPages(ctx(t), "bold", 0, 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search bold = %v, %v; want Plain", hits, err)
	}
	if strings.ContainsAny(hits[0].Snippet, "*[]") || !strings.Contains(hits[0].Snippet, "Bold shown words") {
		t.Errorf("snippet = %q, want the plain text", hits[0].Snippet)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "markup", 0, 10); len(hits) != 0 {
		t.Errorf("search markup (only in the source) = %v, want none", hits)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "target", 0, 10); len(hits) != 0 {
		t.Errorf("search target (a link target, not shown) = %v, want none", hits)
	}
	// Without SearchText, the text is indexed.
	save(t, s, "Source", "only source", 0)
	if hits, _, _ := s.SearchPages(ctx(t), "only source", 0, 10); len(hits) != 1 {
		t.Errorf("search a save without SearchText = %v, want Source", hits)
	}
	// Undeletion indexes its SearchText.
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Plain", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Plain", UserName: "Admin", SearchText: "restored words"}); err != nil {
		t.Fatal(err)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "restored", 0, 10); len(hits) != 1 || hits[0].Title != "Plain" {
		t.Errorf("search after undelete = %v, want Plain", hits)
	}
	// A move's redirect indexes RedirectSearchText.
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "Plain", To: "Plain2", LeaveRedirect: true,
		RedirectText: "#REDIRECT [[Plain2]]", RedirectSearchText: "redirectword", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "redirectword", 0, 10); len(hits) != 1 || hits[0].Title != "Plain" {
		t.Errorf("search the redirect's text = %v, want Plain", hits)
	}
	_ = res
}

// testReindex: a fresh store has nothing to re-index; ReindexPage replaces
// a live page's indexed text only for its current revision.
func testReindex(t *testing.T, s store.Store) {
	a := save(t, s, "Old", "**old** markdown", 0)
	ids, err := s.ReindexQueue(ctx(t), 10)
	if err != nil || len(ids) != 0 {
		t.Fatalf("ReindexQueue on a fresh store = %v, %v; want none", ids, err)
	}
	if err := s.ReindexPage(ctx(t), a.Page.ID, a.Revision.ID, "fresh plain"); err != nil {
		t.Fatal(err)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "fresh", 0, 10); len(hits) != 1 || hits[0].Title != "Old" || hits[0].Snippet != "fresh plain" {
		t.Errorf("search after ReindexPage = %v, want Old with the new text", hits)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "markdown", 0, 10); len(hits) != 0 {
		t.Errorf("search the replaced text = %v, want none", hits)
	}
	b := save(t, s, "Old", "newer text", a.Revision.ID)
	if err := s.ReindexPage(ctx(t), a.Page.ID, a.Revision.ID, "stale words"); err != nil {
		t.Fatal(err)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "stale", 0, 10); len(hits) != 0 {
		t.Errorf("ReindexPage of an old revision changed the index: %v", hits)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "newer", 0, 10); len(hits) != 1 {
		t.Errorf("the save's row is gone after a stale ReindexPage: %v", hits)
	}
	// A deleted page stays out of the index.
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Old", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	if err := s.ReindexPage(ctx(t), a.Page.ID, b.Revision.ID, "ghost"); err != nil {
		t.Fatal(err)
	}
	if hits, _, _ := s.SearchPages(ctx(t), "ghost", 0, 10); len(hits) != 0 {
		t.Errorf("ReindexPage of a deleted page indexed it: %v", hits)
	}
	if err := s.ReindexPage(ctx(t), 1<<40, 1, "nothing"); err != nil {
		t.Errorf("ReindexPage of a missing page: %v", err)
	}
}

// testTitlesWithPrefix: titles that start with a prefix, byte for byte, in
// title order, live pages only, bounded.
func testTitlesWithPrefix(t *testing.T, s store.Store) {
	for _, title := range []string{"Foo", "Foobar", "Foo/sub", "Fop", "Fo", "Food_chain", "Bar", "Fooé", "Foo\U0010FFFFx", "Help:Foo"} {
		save(t, s, title, "text of "+title, 0)
	}
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Food_chain", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	check := func(prefix string, limit int, want ...string) {
		t.Helper()
		got, err := s.TitlesWithPrefix(ctx(t), prefix, limit)
		if err != nil {
			t.Fatalf("TitlesWithPrefix(%q, %d): %v", prefix, limit, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("TitlesWithPrefix(%q, %d) = %q, want %q", prefix, limit, got, want)
		}
	}
	check("Foo", 10, "Foo", "Foo/sub", "Foobar", "Fooé", "Foo\U0010FFFFx")
	check("Foo", 2, "Foo", "Foo/sub")
	check("Fo", 3, "Fo", "Foo", "Foo/sub")
	check("Help:", 10, "Help:Foo")
	check("Fooé", 10, "Fooé")
	check("Zed", 10)
	check("Foo", 0)
	check("", 2, "Bar", "Fo")
	many := make([]string, 0, store.MaxPrefixTitles+5)
	for i := range store.MaxPrefixTitles + 5 {
		many = append(many, "Many"+string(rune('a'+i/26))+string(rune('a'+i%26)))
	}
	for _, title := range many {
		save(t, s, title, "x", 0)
	}
	got, err := s.TitlesWithPrefix(ctx(t), "Many", 1000)
	if err != nil || len(got) != store.MaxPrefixTitles || !slices.IsSorted(got) {
		t.Errorf("TitlesWithPrefix past the bound: %d titles (%v), want %d sorted", len(got), err, store.MaxPrefixTitles)
	}
}

// testRecentHide: hiding one user's changes and the imports'.
func testRecentHide(t *testing.T, s store.Store) {
	mine, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "H1", Text: "a", UserID: 7, UserName: "Me"})
	if err != nil {
		t.Fatal(err)
	}
	imp, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "H2", Text: "b", UserName: store.ImportUserName})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "H3", Text: "c", UserName: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	revs := func(q store.RecentQuery) []int64 {
		q.Limit = 10
		cs, err := s.Recent(ctx(t), q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range cs {
			ids = append(ids, c.RevID)
		}
		return ids
	}
	if got, want := revs(store.RecentQuery{HideUserID: 7}), []int64{other.Revision.ID, imp.Revision.ID}; !slices.Equal(got, want) {
		t.Errorf("HideUserID = %v, want %v", got, want)
	}
	if got, want := revs(store.RecentQuery{HideImports: true}), []int64{other.Revision.ID, mine.Revision.ID}; !slices.Equal(got, want) {
		t.Errorf("HideImports = %v, want %v", got, want)
	}
	if got, want := revs(store.RecentQuery{HideImports: true, HideUserID: 7}), []int64{other.Revision.ID}; !slices.Equal(got, want) {
		t.Errorf("HideImports and HideUserID = %v, want %v", got, want)
	}
}
