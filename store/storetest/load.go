package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// testLoad: a bulk-loaded page reads as if its revisions had been saved one
// by one, with its derived rows from the last; taken titles are left alone.
func testLoad(t *testing.T, s store.Store) {
	// Linker links to Loaded before it exists; its rendering is cached.
	linker, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Linker", Text: "see [[Loaded]]", Links: []string{"Loaded"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutParse(ctx(t), linker.Revision.ID, "v1", []byte("red link")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Taken", Text: "here first"}); err != nil {
		t.Fatal(err)
	}
	gone, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Gone", Text: "deleted"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Gone", BaseRevID: gone.Revision.ID, UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}

	t0 := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	loaded := store.LoadPage{
		Title: "Loaded",
		Revisions: []store.LoadRevision{
			{Text: "one", Summary: "first", UserName: "Ann", Timestamp: t0},
			{Text: "one two", Summary: "second", UserName: "Bob", Minor: true, Timestamp: t0.Add(time.Hour)},
			{Text: "one two three zebrafish", Summary: "third", UserName: "Ann", Timestamp: t0.Add(2 * time.Hour)},
		},
		Links: []string{"Linker", "Missing", "Linker"}, Categories: []string{"Fish"}, Files: []string{"Fish.png"},
		Templates: []string{"Template:Box"}, SearchText: "one two three zebrafish",
	}
	redirect := store.LoadPage{Title: "Alias", Revisions: []store.LoadRevision{{Text: "#REDIRECT [[Loaded]]", UserName: "Ann"}},
		Links: []string{"Loaded"}, Redirect: "Loaded"}
	taken := store.LoadPage{Title: "Taken", Revisions: []store.LoadRevision{{Text: "from the dump"}}}
	deleted := store.LoadPage{Title: "Gone", Revisions: []store.LoadRevision{{Text: "from the dump"}}}
	res, err := s.LoadPages(ctx(t), store.LoadRequest{
		Pages:    []store.LoadPage{loaded, taken, redirect, deleted},
		Events:   []store.Event{{Kind: "test", Keys: []string{"t:Loaded"}}},
		Rerender: []string{"Linker"}, RerenderReason: "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Loaded, []string{"Loaded", "Alias"}) || !reflect.DeepEqual(res.Existing, []string{"Taken", "Gone"}) {
		t.Fatalf("LoadPages: loaded %v, existing %v; want [Loaded Alias], [Taken Gone]", res.Loaded, res.Existing)
	}
	if !reflect.DeepEqual(res.Stale, []int64{linker.Revision.ID}) {
		t.Fatalf("Stale = %v, want the linking page's revision %d", res.Stale, linker.Revision.ID)
	}
	if b, err := s.GetParse(ctx(t), linker.Revision.ID, "v1"); err == nil {
		t.Fatalf("the linking page's rendering %q survived the load", b)
	}

	// The page and its history.
	p, err := s.PageByTitle(ctx(t), "Loaded")
	if err != nil {
		t.Fatal(err)
	}
	if p.Size != len("one two three zebrafish") || p.Redirect != "" || !p.Touched.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("page = %+v", p)
	}
	hist, err := s.History(ctx(t), p.ID, 0, 10)
	if err != nil || len(hist) != 3 {
		t.Fatalf("History = %d revisions, %v; want 3", len(hist), err)
	}
	slices.Reverse(hist)
	var parent int64
	for i, r := range hist {
		want := loaded.Revisions[i]
		if r.Text != want.Text || r.Summary != want.Summary || r.UserName != want.UserName || r.Minor != want.Minor ||
			!r.Timestamp.Equal(want.Timestamp) || r.ParentID != parent || r.Size != len(want.Text) {
			t.Fatalf("revision %d = %+v, want %+v with parent %d", i, r, want, parent)
		}
		parent = r.ID
	}
	if p.LatestRev != hist[2].ID {
		t.Fatalf("latest revision %d, want %d", p.LatestRev, hist[2].ID)
	}
	latest, err := s.LatestRevision(ctx(t), "Loaded")
	if err != nil || latest.Text != "one two three zebrafish" {
		t.Fatalf("LatestRevision = %+v, %v", latest, err)
	}
	if a, err := s.PageByTitle(ctx(t), "Alias"); err != nil || a.Redirect != "Loaded" {
		t.Fatalf("Alias = %+v, %v; want a redirect to Loaded", a, err)
	}

	// Derived rows, from the last revision.
	if out, err := s.OutgoingLinks(ctx(t), p.ID); err != nil || !reflect.DeepEqual(out, []string{"Linker", "Missing"}) {
		t.Fatalf("OutgoingLinks = %v, %v", out, err)
	}
	if back, err := s.Backlinks(ctx(t), "Loaded", "", 10); err != nil || !reflect.DeepEqual(back, []string{"Alias", "Linker"}) {
		t.Fatalf("Backlinks(Loaded) = %v, %v", back, err)
	}
	if m, err := s.CategoryMembers(ctx(t), "Fish", "", 10); err != nil || !reflect.DeepEqual(m, []string{"Loaded"}) {
		t.Fatalf("CategoryMembers(Fish) = %v, %v", m, err)
	}
	if f, err := s.PageFiles(ctx(t), p.ID); err != nil || !reflect.DeepEqual(f, []string{"Fish.png"}) {
		t.Fatalf("PageFiles = %v, %v", f, err)
	}
	if tl, err := s.PageTemplates(ctx(t), p.ID); err != nil || !reflect.DeepEqual(tl, []string{"Template:Box"}) {
		t.Fatalf("PageTemplates = %v, %v", tl, err)
	}
	hits, total, err := s.SearchPages(ctx(t), "zebrafish", 0, 10)
	if err != nil || total.Count != 1 || len(hits) != 1 || hits[0].Title != "Loaded" {
		t.Fatalf("search zebrafish = %+v (%+v), %v", hits, total, err)
	}

	// One recent change per revision, the first a creation.
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	var mine []store.Change
	for _, c := range rc {
		if c.Title == "Loaded" {
			mine = append(mine, c)
		}
	}
	slices.Reverse(mine)
	if len(mine) != 3 || !mine[0].New || mine[1].New || mine[2].New || mine[1].OldSize != 3 || mine[2].RevID != p.LatestRev ||
		!mine[1].Minor || !mine[0].Timestamp.Equal(t0) {
		t.Fatalf("recent changes of Loaded = %+v", mine)
	}

	// Taken titles are untouched; the queue got its job.
	if r, err := s.LatestRevision(ctx(t), "Taken"); err != nil || r.Text != "here first" {
		t.Fatalf("Taken = %+v, %v; want untouched", r, err)
	}
	if _, err := s.LatestRevision(ctx(t), "Gone"); err == nil {
		t.Fatal("the deleted page Gone was re-created by the load")
	}
	if st, err := s.RenderQueueStats(ctx(t)); err != nil || st.Pending != 1 {
		t.Fatalf("render queue = %+v, %v; want the one job", st, err)
	}

	// A batch that fails writes nothing.
	bad := store.LoadPage{Title: "Half"}
	if _, err := s.LoadPages(ctx(t), store.LoadRequest{Pages: []store.LoadPage{
		{Title: "Whole", Revisions: []store.LoadRevision{{Text: "w"}}}, bad}}); err == nil {
		t.Fatal("a page without revisions was accepted")
	}
	if _, err := s.PageByTitle(ctx(t), "Whole"); err == nil {
		t.Fatal("a failed batch left a page behind")
	}
}
