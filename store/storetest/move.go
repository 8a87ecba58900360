package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

func testMove(t *testing.T, s store.Store) {
	orig := saveReq(t, s, store.SaveRequest{Title: "Old_Name", Text: "zebra stripes",
		Links: []string{"Linked_A", "Linked_B"}, Categories: []string{"Animals"}})
	saveReq(t, s, store.SaveRequest{Title: "Linker", Text: "see", Links: []string{"Old_Name"}})
	ts := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	res, err := s.MovePage(ctx(t), store.MoveRequest{
		From: "Old_Name", To: "New_Name", BaseRevID: orig.Revision.ID,
		LeaveRedirect: true, RedirectText: "#REDIRECT [[New_Name]]", RedirectLinks: []string{"New_Name"},
		Reason: "better name", UserID: 5, UserName: "Mover", Timestamp: ts,
	})
	if err != nil {
		t.Fatal(err)
	}
	id := orig.Page.ID
	if res.Page.ID != id || res.Page.Title != "New_Name" || res.Page.LatestRev != orig.Revision.ID {
		t.Fatalf("MovePage page = %+v, want page %d under New_Name", res.Page, id)
	}
	checkMoved(t, s, id, "New_Name")
	rd := res.Redirect
	if rd == nil || !rd.Created || rd.Page.Title != "Old_Name" || rd.Page.Redirect != "New_Name" || rd.Page.ID == id ||
		rd.Revision.ParentID != 0 || rd.Revision.Summary != "better name" || rd.Revision.UserName != "Mover" {
		t.Fatalf("MovePage redirect = %+v, want a new redirect page at Old_Name", rd)
	}
	if p, err := s.PageByTitle(ctx(t), "Old_Name"); err != nil || p != rd.Page {
		t.Fatalf("PageByTitle(Old_Name) = %+v, %v; want the redirect %+v", p, err, rd.Page)
	}
	if back, _ := s.Backlinks(ctx(t), "New_Name", "", 10); !reflect.DeepEqual(back, []string{"Old_Name"}) {
		t.Errorf("Backlinks(New_Name) = %v, want [Old_Name], the redirect", back)
	}
	if back, _ := s.Backlinks(ctx(t), "Old_Name", "", 10); !reflect.DeepEqual(back, []string{"Linker"}) {
		t.Errorf("Backlinks(Old_Name) = %v, want [Linker]: links to the old title now reach the redirect", back)
	}
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 2})
	wantMove := store.Change{Kind: store.ChangeMove, Title: "Old_Name", Target: "New_Name", PageID: id,
		RevID: orig.Revision.ID, OldRevID: orig.Revision.ID, UserID: 5, UserName: "Mover", Summary: "better name",
		OldSize: orig.Revision.Size, NewSize: orig.Revision.Size, Timestamp: ts}
	if err != nil || len(rc) != 2 || rc[0].Kind != store.ChangeNew || rc[0].RevID != rd.Revision.ID || withoutID(rc[1]) != wantMove {
		t.Fatalf("Recent = %+v, %v\nwant the redirect's creation, then %+v", rc, err, wantMove)
	}

	// Without a redirect, the old title is free.
	res, err = s.MovePage(ctx(t), store.MoveRequest{From: "New_Name", To: "Third_Name", UserName: "Mover"})
	if err != nil || res.Redirect != nil || res.Page.Title != "Third_Name" {
		t.Fatalf("move without redirect = %+v, %v", res, err)
	}
	checkMoved(t, s, id, "Third_Name")
	_, err = s.PageByTitle(ctx(t), "New_Name")
	wantErr(t, "PageByTitle of the old title", err, store.ErrNotFound)
}

// checkMoved checks that page id lives under title with its revision, links
// and categories, and that search finds it there.
func checkMoved(t *testing.T, s store.Store, id int64, title string) {
	t.Helper()
	p, err := s.PageByTitle(ctx(t), title)
	if err != nil || p.ID != id {
		t.Fatalf("PageByTitle(%s) = %+v, %v; want page %d", title, p, err, id)
	}
	if r, err := s.LatestRevision(ctx(t), title); err != nil || r.Title != title || r.Text != "zebra stripes" {
		t.Errorf("LatestRevision(%s) = %+v, %v", title, r, err)
	}
	if h, err := s.History(ctx(t), id, 0, 10); err != nil || len(h) != 1 || h[0].Title != title {
		t.Errorf("History = %+v, %v; want the one revision, under %s", h, err, title)
	}
	if out, err := s.OutgoingLinks(ctx(t), id); err != nil || !reflect.DeepEqual(out, []string{"Linked_A", "Linked_B"}) {
		t.Errorf("OutgoingLinks = %v, %v; want them unchanged", out, err)
	}
	if m, err := s.CategoryMembers(ctx(t), "Animals", "", 10); err != nil || !reflect.DeepEqual(m, []string{title}) {
		t.Errorf("CategoryMembers(Animals) = %v, %v; want [%s]", m, err, title)
	}
	if hits, _, err := s.SearchPages(ctx(t), "zebra", 0, 10); err != nil || len(hits) != 1 || hits[0].Title != title {
		t.Errorf("SearchPages(zebra) = %v, %v; want %s", hits, err, title)
	}
	word := map[string]string{"New_Name": "new", "Third_Name": "third"}[title]
	if hits, _, err := s.SearchPages(ctx(t), word+" zebra", 0, 10); err != nil || len(hits) != 1 {
		t.Errorf("SearchPages(%s zebra) = %v, %v; want the new title's words indexed", word, hits, err)
	}
}

func testMoveConflicts(t *testing.T, s store.Store) {
	a := save(t, s, "A", "v1", 0)
	a2 := save(t, s, "A", "v2", a.Revision.ID)
	save(t, s, "B", "b", 0)
	save(t, s, "Gone", "g", 0)
	remove(t, s, "Gone")
	before := takeSnapshot(t, s, "A")
	cases := []struct {
		name     string
		from, to string
		base     int64
		want     error
	}{
		{"onto a live page", "A", "B", 0, store.ErrConflict},
		{"onto a deleted page", "A", "Gone", 0, store.ErrConflict},
		{"onto itself", "A", "A", 0, store.ErrConflict},
		{"stale base", "A", "C", a.Revision.ID, store.ErrConflict},
		{"missing page", "Missing", "C", 0, store.ErrNotFound},
		{"deleted page", "Gone", "C", 0, store.ErrNotFound},
	}
	for _, c := range cases {
		_, err := s.MovePage(ctx(t), store.MoveRequest{From: c.from, To: c.to, BaseRevID: c.base,
			LeaveRedirect: true, RedirectText: "#REDIRECT", RedirectLinks: []string{c.to}})
		wantErr(t, c.name, err, c.want)
	}
	_, err := s.MovePage(ctx(t), store.MoveRequest{From: "A", To: "C", BaseRevID: a.Revision.ID})
	var ce *store.ConflictError
	if !errors.As(err, &ce) || ce.LatestRev != a2.Revision.ID {
		t.Errorf("move on a stale base: %v, want a *ConflictError naming %d", err, a2.Revision.ID)
	}
	if after := takeSnapshot(t, s, "A"); after != before {
		t.Fatalf("a refused move wrote: before %+v after %+v", before, after)
	}
	if p, err := s.PageByTitle(ctx(t), "B"); err != nil || p.Title != "B" {
		t.Fatalf("B after refused moves = %+v, %v", p, err)
	}
	if _, err := s.PageByTitle(ctx(t), "C"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a refused move created C: %v", err)
	}
}
