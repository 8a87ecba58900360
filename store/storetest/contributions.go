package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/foliowiki/folio/store"
)

// saveAs saves text on top of base under an author and fails the test on
// error.
func saveAs(t testing.TB, s store.Store, req store.SaveRequest) store.SaveResult {
	t.Helper()
	res, err := s.SaveRevision(ctx(t), req)
	if err != nil {
		t.Fatalf("save %q as %q: %v", req.Title, req.UserName, err)
	}
	return res
}

// testContributions: an author's revisions newest first, with the parent's
// size, paged by before=, without other authors' or deleted pages' ones.
func testContributions(t *testing.T, s store.Store) {
	a1 := saveAs(t, s, store.SaveRequest{Title: "Alpha", Text: "hello", UserName: "Ada Lovelace", Summary: "new"})
	b1 := saveAs(t, s, store.SaveRequest{Title: "Alpha", Text: "hello world", BaseRevID: a1.Revision.ID, UserName: "Bob"})
	a2 := saveAs(t, s, store.SaveRequest{Title: "Alpha", Text: "hi", BaseRevID: b1.Revision.ID, UserName: "Ada Lovelace", Minor: true, Summary: "shorter"})
	a3 := saveAs(t, s, store.SaveRequest{Title: "Beta", Text: "beta", UserName: "Ada Lovelace", UserID: 3})
	gone := saveAs(t, s, store.SaveRequest{Title: "Gone", Text: "soon deleted", UserName: "Ada Lovelace"})
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Gone", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}

	cs, err := s.Contributions(ctx(t), store.ContributionsQuery{UserName: "Ada Lovelace", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
		if c.Text != "" || c.UserName != "Ada Lovelace" {
			t.Errorf("contribution %d: text %q, user %q; want no text, Ada Lovelace", c.ID, c.Text, c.UserName)
		}
		if c.ID == gone.Revision.ID {
			t.Errorf("contributions list revision %d of a deleted page", c.ID)
		}
	}
	if want := []int64{a3.Revision.ID, a2.Revision.ID, a1.Revision.ID}; !slices.Equal(ids, want) {
		t.Fatalf("Contributions ids = %v, want %v (newest first)", ids, want)
	}
	beta, mid, first := cs[0], cs[1], cs[2]
	if beta.Title != "Beta" || beta.ParentSize != 0 || beta.Size != 4 || !beta.Current || beta.UserID != 3 {
		t.Errorf("Beta's contribution = %+v", beta)
	}
	if mid.Title != "Alpha" || mid.ParentID != b1.Revision.ID || mid.ParentSize != 11 || mid.Size != 2 ||
		!mid.Minor || mid.Summary != "shorter" || !mid.Current || !mid.Timestamp.Equal(a2.Revision.Timestamp) {
		t.Errorf("Alpha's second contribution = %+v; want parent size 11, size 2, minor, current", mid)
	}
	if first.ParentSize != 0 || first.Size != 5 || first.Current || first.ParentID != 0 {
		t.Errorf("Alpha's first contribution = %+v; want parent size 0, not current", first)
	}

	page, err := s.Contributions(ctx(t), store.ContributionsQuery{UserName: "Ada Lovelace", Before: a3.Revision.ID, Limit: 1})
	if err != nil || len(page) != 1 || page[0].ID != a2.Revision.ID {
		t.Fatalf("Contributions before %d limit 1 = %+v, %v; want revision %d", a3.Revision.ID, page, err, a2.Revision.ID)
	}
	bob, err := s.Contributions(ctx(t), store.ContributionsQuery{UserName: "Bob", Limit: 10})
	if err != nil || len(bob) != 1 || bob[0].ID != b1.Revision.ID || bob[0].ParentSize != 5 || bob[0].Current {
		t.Fatalf("Bob's contributions = %+v, %v", bob, err)
	}
	none, err := s.Contributions(ctx(t), store.ContributionsQuery{UserName: "Nobody", Limit: 10})
	if err != nil || len(none) != 0 {
		t.Fatalf("Nobody's contributions = %+v, %v", none, err)
	}
}

// testRevisionStats: counts of edits and distinct authors, first and latest
// revision; a re-created page counts only its new revisions.
func testRevisionStats(t *testing.T, s store.Store) {
	r1 := saveAs(t, s, store.SaveRequest{Title: "Info", Text: "one", UserName: "Ada"})
	r2 := saveAs(t, s, store.SaveRequest{Title: "Info", Text: "one two", BaseRevID: r1.Revision.ID, UserName: "Bob"})
	r3 := saveAs(t, s, store.SaveRequest{Title: "Info", Text: "one two three", BaseRevID: r2.Revision.ID, UserName: "Ada"})
	st, err := s.RevisionStats(ctx(t), r1.Page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Edits != 3 || st.Authors != 2 {
		t.Errorf("RevisionStats = %d edits, %d authors; want 3, 2", st.Edits, st.Authors)
	}
	if st.First.ID != r1.Revision.ID || st.First.UserName != "Ada" || !st.First.Timestamp.Equal(r1.Revision.Timestamp) || st.First.Text != "" {
		t.Errorf("First = %+v, want revision %d by Ada without text", st.First, r1.Revision.ID)
	}
	if st.Latest.ID != r3.Revision.ID || st.Latest.Size != 13 || st.Latest.Title != "Info" {
		t.Errorf("Latest = %+v, want revision %d of Info, 13 bytes", st.Latest, r3.Revision.ID)
	}

	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Info", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	again := saveAs(t, s, store.SaveRequest{Title: "Info", Text: "fresh", UserName: "Cy"})
	st, err = s.RevisionStats(ctx(t), again.Page.ID)
	if err != nil || st.Edits != 1 || st.Authors != 1 || st.First.ID != again.Revision.ID || st.Latest.ID != again.Revision.ID {
		t.Fatalf("RevisionStats of the re-created page = %+v, %v; want its one revision", st, err)
	}
	if _, err := s.RevisionStats(ctx(t), 999_999); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("RevisionStats of no page: err = %v, want ErrNotFound", err)
	}
}

// testRedirectsAndBacklinkCount: the pages redirecting to a title, and the
// number of pages linking to it.
func testRedirectsAndBacklinkCount(t *testing.T, s store.Store) {
	saveAs(t, s, store.SaveRequest{Title: "Target", Text: "the target", UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "Zed", Text: "#REDIRECT [[Target]]", Redirect: "Target", Links: []string{"Target"}, UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "Alias", Text: "#REDIRECT [[Target]]", Redirect: "Target", Links: []string{"Target"}, UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "Elsewhere", Text: "#REDIRECT [[Other]]", Redirect: "Other", UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "Linker", Text: "see [[Target]]", Links: []string{"Target", "Other"}, UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "Doomed", Text: "#REDIRECT [[Target]]", Redirect: "Target", Links: []string{"Target"}, UserName: "Ada"})
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Doomed", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}

	got, err := s.RedirectsTo(ctx(t), "Target", 10)
	if err != nil || !slices.Equal(got, []string{"Alias", "Zed"}) {
		t.Fatalf("RedirectsTo(Target) = %v, %v; want [Alias Zed]", got, err)
	}
	if got, err := s.RedirectsTo(ctx(t), "Target", 1); err != nil || !slices.Equal(got, []string{"Alias"}) {
		t.Fatalf("RedirectsTo(Target, 1) = %v, %v", got, err)
	}
	if got, err := s.RedirectsTo(ctx(t), "", 10); err != nil || len(got) != 0 {
		t.Fatalf("RedirectsTo(\"\") = %v, %v; a page that is not a redirect is no redirect to \"\"", got, err)
	}
	n, err := s.CountBacklinks(ctx(t), "Target")
	if err != nil || n != 3 {
		t.Fatalf("CountBacklinks(Target) = %d, %v; want 3 (not the deleted page's)", n, err)
	}
	if n, err := s.CountBacklinks(ctx(t), "Nowhere"); err != nil || n != 0 {
		t.Fatalf("CountBacklinks(Nowhere) = %d, %v", n, err)
	}
}

// testRandomPage: the first live page that is not a redirect at or after
// the picked id, wrapping around; ErrNotFound on an empty wiki.
func testRandomPage(t *testing.T, s store.Store) {
	pickLow := func(lo, hi int64) int64 { return lo }
	if _, err := s.RandomPage(ctx(t), pickLow); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("RandomPage on an empty store: err = %v, want ErrNotFound", err)
	}
	a := saveAs(t, s, store.SaveRequest{Title: "A", Text: "a", UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "B", Text: "#REDIRECT [[A]]", Redirect: "A", UserName: "Ada"})
	c := saveAs(t, s, store.SaveRequest{Title: "C", Text: "c", UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "D", Text: "d", UserName: "Ada"})
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "D", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	var gotLo, gotHi int64
	p, err := s.RandomPage(ctx(t), func(lo, hi int64) int64 { gotLo, gotHi = lo, hi; return lo })
	if err != nil || p.ID != a.Page.ID || p.Title != "A" {
		t.Fatalf("RandomPage(lowest) = %+v, %v; want A", p, err)
	}
	if gotLo != a.Page.ID || gotHi < c.Page.ID {
		t.Errorf("pick got [%d, %d]; want the lowest and highest page ids (A is %d, C is %d)", gotLo, gotHi, a.Page.ID, c.Page.ID)
	}
	// At the redirect B: the next page that is not one, C.
	if p, err := s.RandomPage(ctx(t), func(lo, hi int64) int64 { return a.Page.ID + 1 }); err != nil || p.Title != "C" {
		t.Fatalf("RandomPage(at B) = %+v, %v; want C", p, err)
	}
	// At the deleted D, the last id: wrap around to A.
	if p, err := s.RandomPage(ctx(t), func(lo, hi int64) int64 { return hi }); err != nil || p.Title != "A" {
		t.Fatalf("RandomPage(at the deleted last page) = %+v, %v; want A", p, err)
	}
	// Out of range picks are clamped.
	if p, err := s.RandomPage(ctx(t), func(lo, hi int64) int64 { return hi + 100 }); err != nil || p.Title != "A" {
		t.Fatalf("RandomPage(beyond) = %+v, %v; want A", p, err)
	}
	seen := map[string]bool{}
	for id := gotLo; id <= gotHi; id++ {
		p, err := s.RandomPage(ctx(t), func(lo, hi int64) int64 { return id })
		if err != nil {
			t.Fatal(err)
		}
		seen[p.Title] = true
	}
	if len(seen) != 2 || !seen["A"] || !seen["C"] {
		t.Fatalf("RandomPage over every id gave %v; want A and C only", seen)
	}
}

// testNextRevision: the revision of a page saved right after another,
// skipping other pages' revisions saved in between; 0 after the newest.
func testNextRevision(t *testing.T, s store.Store) {
	a1 := saveAs(t, s, store.SaveRequest{Title: "Alpha", Text: "one", UserName: "Ada"})
	saveAs(t, s, store.SaveRequest{Title: "Beta", Text: "between", UserName: "Ada"})
	a2 := saveAs(t, s, store.SaveRequest{Title: "Alpha", Text: "two", BaseRevID: a1.Revision.ID, UserName: "Ada"})
	page := a1.Page.ID
	for _, c := range []struct{ after, want int64 }{{a1.Revision.ID, a2.Revision.ID}, {a2.Revision.ID, 0}, {0, a1.Revision.ID}} {
		if got, err := s.NextRevision(ctx(t), page, c.after); err != nil || got != c.want {
			t.Errorf("NextRevision(after %d) = %d, %v; want %d", c.after, got, err, c.want)
		}
	}
}
