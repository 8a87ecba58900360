package storetest

import (
	"reflect"
	"testing"

	"github.com/foliowiki/folio/store"
)

// transcluding returns PagesTranscluding(title, after, limit).
func transcluding(t *testing.T, s store.Store, title, after string, limit int) []string {
	t.Helper()
	got, err := s.PagesTranscluding(ctx(t), title, after, limit)
	if err != nil {
		t.Fatalf("PagesTranscluding(%q, %q, %d): %v", title, after, limit, err)
	}
	return got
}

// wantTranscluding checks the pages transcluding title, all of them.
func wantTranscluding(t *testing.T, s store.Store, title string, titles ...string) {
	t.Helper()
	if got := transcluding(t, s, title, "", 100); len(got) != len(titles) || len(titles) > 0 && !reflect.DeepEqual(got, titles) {
		t.Fatalf("PagesTranscluding(%q) = %q, want %q", title, got, titles)
	}
}

// wantTemplates checks PageTemplates(pageID).
func wantTemplates(t *testing.T, s store.Store, pageID int64, titles ...string) {
	t.Helper()
	got, err := s.PageTemplates(ctx(t), pageID)
	if err != nil || len(got) != len(titles) || len(titles) > 0 && !reflect.DeepEqual(got, titles) {
		t.Fatalf("PageTemplates(%d) = %q, %v; want %q", pageID, got, err, titles)
	}
}

// testTemplateLinks: a save records the titles a page transcluded, missing
// ones too, replacing its previous set; a failed save changes nothing;
// PagesTranscluding pages.
func testTemplateLinks(t *testing.T, s store.Store) {
	a := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a",
		Templates: []string{"Template:Notice", "Template:Box", "Template:Notice", "", "Template:Missing"}})
	saveReq(t, s, store.SaveRequest{Title: "B", Text: "b", Templates: []string{"Template:Notice"}})
	saveReq(t, s, store.SaveRequest{Title: "C", Text: "c", Templates: []string{"Template:Box"},
		Links: []string{"Template:Notice"}})
	wantTemplates(t, s, a.Page.ID, "Template:Box", "Template:Missing", "Template:Notice")
	wantTranscluding(t, s, "Template:Notice", "A", "B") // C only links to it
	wantTranscluding(t, s, "Template:Missing", "A")
	wantTranscluding(t, s, "Template:None")
	if back, err := s.Backlinks(ctx(t), "Template:Notice", "", 10); err != nil || !reflect.DeepEqual(back, []string{"C"}) {
		t.Fatalf("Backlinks(Template:Notice) = %q, %v; want [C]: a transclusion is no link", back, err)
	}

	// A new revision replaces the set; a conflicting save writes nothing.
	a2 := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a2", BaseRevID: a.Revision.ID, Templates: []string{"Template:Box"}})
	_, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "A", Text: "a3", BaseRevID: a.Revision.ID,
		Templates: []string{"Template:Other"}})
	wantErr(t, "save on a stale base", err, store.ErrConflict)
	wantTemplates(t, s, a.Page.ID, "Template:Box")
	wantTranscluding(t, s, "Template:Notice", "B")
	wantTranscluding(t, s, "Template:Box", "A", "C")
	wantTranscluding(t, s, "Template:Other")
	// A revision transcluding nothing empties it.
	saveReq(t, s, store.SaveRequest{Title: "A", Text: "a4", BaseRevID: a2.Revision.ID})
	wantTemplates(t, s, a.Page.ID)
	wantTranscluding(t, s, "Template:Box", "C")
	checkTranscludingPages(t, s)
}

// checkTranscludingPages: PagesTranscluding pages through the titles in
// order, after the last one of the previous page.
func checkTranscludingPages(t *testing.T, s store.Store) {
	t.Helper()
	for _, title := range []string{"D", "B", "E", "A", "C"} {
		saveReq(t, s, store.SaveRequest{Title: "Nav_" + title, Text: title, Templates: []string{"Template:Nav"}})
	}
	var all []string
	after := ""
	for range 5 {
		page := transcluding(t, s, "Template:Nav", after, 2)
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = page[len(page)-1]
	}
	if want := []string{"Nav_A", "Nav_B", "Nav_C", "Nav_D", "Nav_E"}; !reflect.DeepEqual(all, want) {
		t.Fatalf("PagesTranscluding by pages of 2 = %q, want %q", all, want)
	}
	if got := transcluding(t, s, "Template:Nav", "Nav_B", 2); !reflect.DeepEqual(got, []string{"Nav_C", "Nav_D"}) {
		t.Fatalf("PagesTranscluding after Nav_B, 2 = %q, want [Nav_C Nav_D]", got)
	}
	if got := transcluding(t, s, "Template:Nav", "Nav_E", 2); len(got) != 0 {
		t.Fatalf("PagesTranscluding after E = %q, want none", got)
	}
	if got := transcluding(t, s, "Template:Nav", "", 0); len(got) != 0 {
		t.Fatalf("PagesTranscluding limit 0 = %q, want none", got)
	}
}

// testTemplateLinksActions: a delete empties the page's set (only live
// pages transclude), an undelete restores its request's, a move keeps it
// with the page and leaves the transclusions of the moved title.
func testTemplateLinksActions(t *testing.T, s store.Store) {
	a := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a", Templates: []string{"Template:Notice", "Template:Box"}})
	b := saveReq(t, s, store.SaveRequest{Title: "B", Text: "b", Templates: []string{"Template:Notice"}})
	saveReq(t, s, store.SaveRequest{Title: "Template:Notice", Text: "n", Templates: []string{"Template:Box"}})

	remove(t, s, "B")
	wantTranscluding(t, s, "Template:Notice", "A")
	wantTemplates(t, s, b.Page.ID)
	if _, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "B", UserName: "Admin",
		Templates: []string{"Template:Box"}}); err != nil {
		t.Fatal(err)
	}
	wantTemplates(t, s, b.Page.ID, "Template:Box")
	wantTranscluding(t, s, "Template:Box", "A", "B", "Template:Notice")
	wantTranscluding(t, s, "Template:Notice", "A")

	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "A", To: "Z", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	wantTemplates(t, s, a.Page.ID, "Template:Box", "Template:Notice")
	wantTranscluding(t, s, "Template:Notice", "Z")
	wantTranscluding(t, s, "Template:Box", "B", "Template:Notice", "Z")
	// Moving a template: its users still name the old title (a redirect
	// now); the template keeps what it transcludes.
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "Template:Notice", To: "Template:Notice2", UserName: "Admin",
		LeaveRedirect: true, RedirectText: "#REDIRECT [[Template:Notice2]]"}); err != nil {
		t.Fatal(err)
	}
	wantTranscluding(t, s, "Template:Notice", "Z")
	wantTranscluding(t, s, "Template:Notice2")
	wantTranscluding(t, s, "Template:Box", "B", "Template:Notice2", "Z")
}

// testSetPageTemplates: a re-render replaces the set of the page's current
// revision; a stale revision or a deleted page changes nothing.
func testSetPageTemplates(t *testing.T, s store.Store) {
	a := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a", Templates: []string{"Template:Notice"}})
	if err := s.SetPageTemplates(ctx(t), a.Page.ID, a.Revision.ID, []string{"Template:Notice", "Template:Box", "", "Template:Box"}); err != nil {
		t.Fatalf("SetPageTemplates: %v", err)
	}
	wantTemplates(t, s, a.Page.ID, "Template:Box", "Template:Notice")
	wantTranscluding(t, s, "Template:Box", "A")

	a2 := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a2", BaseRevID: a.Revision.ID, Templates: []string{"Template:Nav"}})
	if err := s.SetPageTemplates(ctx(t), a.Page.ID, a.Revision.ID, []string{"Template:Old"}); err != nil {
		t.Fatalf("SetPageTemplates of a stale revision: %v", err)
	}
	wantTemplates(t, s, a.Page.ID, "Template:Nav")
	if err := s.SetPageTemplates(ctx(t), a.Page.ID, a2.Revision.ID, nil); err != nil {
		t.Fatalf("SetPageTemplates(nil): %v", err)
	}
	wantTemplates(t, s, a.Page.ID)

	remove(t, s, "A")
	if err := s.SetPageTemplates(ctx(t), a.Page.ID, a2.Revision.ID, []string{"Template:Nav"}); err != nil {
		t.Fatalf("SetPageTemplates of a deleted page: %v", err)
	}
	wantTranscluding(t, s, "Template:Nav")
}
