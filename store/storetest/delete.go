package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// saveReq saves req and fails the test on error.
func saveReq(t *testing.T, s store.Store, req store.SaveRequest) store.SaveResult {
	t.Helper()
	res, err := s.SaveRevision(ctx(t), req)
	if err != nil {
		t.Fatalf("save %q on base %d: %v", req.Title, req.BaseRevID, err)
	}
	return res
}

// remove deletes title without a base check and fails the test on error.
func remove(t *testing.T, s store.Store, title string) store.Page {
	t.Helper()
	p, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: title, Reason: "test", UserName: "Admin"})
	if err != nil {
		t.Fatalf("delete %q: %v", title, err)
	}
	return p
}

// wantErr fails the test unless errors.Is(err, target).
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: err = %v, want %v", what, err, target)
	}
}

// checkGone checks that no read of pages, links, categories or search sees
// the deleted page.
func checkGone(t *testing.T, s store.Store, title string, id int64, category, linked, word string) {
	t.Helper()
	_, err := s.PageByTitle(ctx(t), title)
	wantErr(t, "PageByTitle of a deleted page", err, store.ErrNotFound)
	_, err = s.PageByID(ctx(t), id)
	wantErr(t, "PageByID of a deleted page", err, store.ErrNotFound)
	_, err = s.LatestRevision(ctx(t), title)
	wantErr(t, "LatestRevision of a deleted page", err, store.ErrNotFound)
	pages, err := s.ListPages(ctx(t), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.Title == title {
			t.Errorf("ListPages lists the deleted page: %+v", p)
		}
	}
	if n, err := s.CountPages(ctx(t)); err != nil || n != len(pages) {
		t.Errorf("CountPages = %d, %v; want %d, as ListPages", n, err, len(pages))
	}
	if ex, err := s.PagesExist(ctx(t), []string{title}); err != nil || ex[title] {
		t.Errorf("PagesExist = %v, %v; want %s false", ex, err, title)
	}
	back, err := s.Backlinks(ctx(t), linked, "", 100)
	if err != nil || len(back) != 0 {
		t.Errorf("Backlinks(%s) = %v, %v; want none from the deleted page", linked, back, err)
	}
	members, err := s.CategoryMembers(ctx(t), category, "", 100)
	if err != nil || len(members) != 0 {
		t.Errorf("CategoryMembers(%s) = %v, %v; want none", category, members, err)
	}
	if hits, total, err := s.SearchPages(ctx(t), word, 0, 10); err != nil || total != (store.SearchTotal{}) || len(hits) != 0 {
		t.Errorf("SearchPages(%s) = %v (total %+v), %v; want nothing", word, hits, total, err)
	}
	out, err1 := s.OutgoingLinks(ctx(t), id)
	cats, err2 := s.PageCategories(ctx(t), id)
	if len(out) != 0 || len(cats) != 0 || err1 != nil || err2 != nil {
		t.Errorf("deleted page keeps links %v (%v) or categories %v (%v)", out, err1, cats, err2)
	}
}

func testDelete(t *testing.T, s store.Store) {
	save(t, s, "Target", "t", 0)
	req := store.SaveRequest{Title: "Doomed", Text: "xylophone", Links: []string{"Target"}, Categories: []string{"Instruments"}}
	first := saveReq(t, s, req)
	req.Text, req.BaseRevID = "xylophone solo", first.Revision.ID
	second := saveReq(t, s, req)
	saveReq(t, s, store.SaveRequest{Title: "Linker", Text: "see", Links: []string{"Doomed"}})

	ts := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	page, err := s.DeletePage(ctx(t), store.DeleteRequest{
		Title: "Doomed", BaseRevID: second.Revision.ID, Reason: "spam", UserID: 3, UserName: "Admin", Timestamp: ts,
	})
	if err != nil {
		t.Fatal(err)
	}
	if page.ID != first.Page.ID || page.Title != "Doomed" || page.LatestRev != second.Revision.ID {
		t.Fatalf("DeletePage = %+v, want the page as it was", page)
	}
	checkGone(t, s, "Doomed", page.ID, "Instruments", "Target", "xylophone")
	if n, _ := s.CountPages(ctx(t)); n != 2 {
		t.Errorf("CountPages = %d, want 2", n)
	}
	for _, r := range []store.SaveResult{first, second} {
		got, err := s.RevisionByID(ctx(t), r.Revision.ID)
		if err != nil || got.Text != r.Revision.Text || !got.Deleted || got.Title != "Doomed" {
			t.Errorf("RevisionByID(%d) = %+v, %v; want the kept revision, Deleted", r.Revision.ID, got, err)
		}
	}
	hist, err := s.History(ctx(t), page.ID, 0, 10)
	if want := []int64{second.Revision.ID, first.Revision.ID}; err != nil || !reflect.DeepEqual(revIDs(hist), want) {
		t.Errorf("History of the deleted page = %v, %v; want %v (what undeletion restores)", revIDs(hist), err, want)
	}
	if back, err := s.Backlinks(ctx(t), "Doomed", "", 10); err != nil || !reflect.DeepEqual(back, []string{"Linker"}) {
		t.Errorf("Backlinks(Doomed) = %v, %v; want [Linker]: links to a deleted title stay", back, err)
	}
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 1})
	want := store.Change{Kind: store.ChangeDelete, Title: "Doomed", PageID: page.ID, OldRevID: second.Revision.ID,
		UserID: 3, UserName: "Admin", Summary: "spam", OldSize: len("xylophone solo"), Timestamp: ts}
	if err != nil || len(rc) != 1 || withoutID(rc[0]) != want {
		t.Errorf("Recent = %+v, %v\nwant %+v", rc, err, want)
	}
	logs, err := s.LogEntries(ctx(t), store.LogQuery{Limit: 10})
	wantLog := store.LogEntry{Kind: store.LogDelete, PageID: page.ID, Title: "Doomed", UserID: 3, UserName: "Admin",
		Reason: "spam", Timestamp: ts}
	if err != nil || len(logs) != 1 || logs[0].ID == 0 || withoutLogID(logs[0]) != wantLog {
		t.Errorf("LogEntries = %+v, %v\nwant %+v", logs, err, wantLog)
	}
	_, err = s.DeletePage(ctx(t), store.DeleteRequest{Title: "Doomed"})
	wantErr(t, "deleting a deleted page", err, store.ErrNotFound)
	_, err = s.SaveRevision(ctx(t), store.SaveRequest{Title: "Doomed", Text: "edit", BaseRevID: second.Revision.ID})
	var ce *store.ConflictError
	if !errors.As(err, &ce) || ce.LatestRev != 0 {
		t.Errorf("edit of a deleted page = %v, want a *ConflictError with LatestRev 0", err)
	}
}

// withoutID is c without its id, to compare with a literal.
func withoutID(c store.Change) store.Change { c.ID = 0; return c }

// withoutLogID is e without its id, to compare with a literal.
func withoutLogID(e store.LogEntry) store.LogEntry { e.ID = 0; return e }

func testDeleteErrors(t *testing.T, s store.Store) {
	_, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Missing", UserName: "Admin"})
	wantErr(t, "deleting a missing page", err, store.ErrNotFound)

	first := save(t, s, "Busy", "v1", 0)
	second := save(t, s, "Busy", "v2", first.Revision.ID)
	before := takeSnapshot(t, s, "Busy")
	_, err = s.DeletePage(ctx(t), store.DeleteRequest{Title: "Busy", BaseRevID: first.Revision.ID, UserName: "Admin"})
	var ce *store.ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, store.ErrConflict) || ce.BaseRevID != first.Revision.ID || ce.LatestRev != second.Revision.ID {
		t.Fatalf("delete on a stale base: err = %v, want a *ConflictError naming %d and %d", err, first.Revision.ID, second.Revision.ID)
	}
	if after := takeSnapshot(t, s, "Busy"); after != before {
		t.Fatalf("a conflicting delete wrote: before %+v after %+v", before, after)
	}
}

func testUndelete(t *testing.T, s store.Store) {
	first := save(t, s, "Lazarus", "first", 0)
	second := saveReq(t, s, store.SaveRequest{Title: "Lazarus", Text: "risen banana", BaseRevID: first.Revision.ID,
		Links: []string{"Target"}, Categories: []string{"Saints"}})
	remove(t, s, "Lazarus")
	_, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Nobody"})
	wantErr(t, "undeleting a title never used", err, store.ErrNotFound)

	ts := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	res, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Lazarus", Reason: "mistake", UserID: 3, UserName: "Admin",
		Timestamp: ts, Links: []string{"Target"}, Categories: []string{"Saints"}, Redirect: "Elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Page.ID != first.Page.ID || res.Page.LatestRev != second.Revision.ID ||
		res.Revision.ID != second.Revision.ID || res.Revision.Deleted || res.Page.Redirect != "Elsewhere" || !res.Page.Touched.Equal(ts) {
		t.Fatalf("UndeletePage = %+v, want the page back at revision %d", res, second.Revision.ID)
	}
	if p, err := s.PageByTitle(ctx(t), "Lazarus"); err != nil || p != res.Page {
		t.Fatalf("PageByTitle = %+v, %v; want %+v", p, err, res.Page)
	}
	hist, err := s.History(ctx(t), res.Page.ID, 0, 10)
	if want := []int64{second.Revision.ID, first.Revision.ID}; err != nil || !reflect.DeepEqual(revIDs(hist), want) || hist[1].Deleted {
		t.Fatalf("History = %+v, %v; want revisions %v restored", hist, err, want)
	}
	checkLists(t, s, "Lazarus", "Target", "Saints", "banana")
	_, err = s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Lazarus"})
	wantErr(t, "undeleting a live page", err, store.ErrConflict)
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 1})
	want := store.Change{Kind: store.ChangeUndelete, Title: "Lazarus", PageID: res.Page.ID, RevID: second.Revision.ID,
		UserID: 3, UserName: "Admin", Summary: "mistake", NewSize: len("risen banana"), Timestamp: ts}
	if err != nil || len(rc) != 1 || withoutID(rc[0]) != want {
		t.Errorf("Recent = %+v, %v\nwant %+v", rc, err, want)
	}
}

// checkLists checks that title is back in the backlinks of linked, the
// members of category and the search results for word.
func checkLists(t *testing.T, s store.Store, title, linked, category, word string) {
	t.Helper()
	if back, err := s.Backlinks(ctx(t), linked, "", 10); err != nil || !reflect.DeepEqual(back, []string{title}) {
		t.Errorf("Backlinks(%s) = %v, %v; want [%s]", linked, back, err, title)
	}
	if m, err := s.CategoryMembers(ctx(t), category, "", 10); err != nil || !reflect.DeepEqual(m, []string{title}) {
		t.Errorf("CategoryMembers(%s) = %v, %v; want [%s]", category, m, err, title)
	}
	if hits, _, err := s.SearchPages(ctx(t), word, 0, 10); err != nil || len(hits) != 1 || hits[0].Title != title {
		t.Errorf("SearchPages(%s) = %v, %v; want %s", word, hits, err, title)
	}
}

func testRecreate(t *testing.T, s store.Store) {
	old := save(t, s, "Phoenix", "ashes", 0)
	old2 := save(t, s, "Phoenix", "more ashes", old.Revision.ID)
	remove(t, s, "Phoenix")
	res := save(t, s, "Phoenix", "reborn", 0)
	if !res.Created || res.Revision.ParentID != 0 || res.Page.ID != old.Page.ID || res.Page.LatestRev != res.Revision.ID {
		t.Fatalf("re-creation = %+v, want Created, no parent, the same page id", res)
	}
	if h, err := s.History(ctx(t), res.Page.ID, 0, 10); err != nil || !reflect.DeepEqual(revIDs(h), []int64{res.Revision.ID}) {
		t.Fatalf("History of the re-created page = %v, %v; want only %d", revIDs(h), err, res.Revision.ID)
	}
	if r, err := s.RevisionByID(ctx(t), old2.Revision.ID); err != nil || !r.Deleted {
		t.Fatalf("old revision = %+v, %v; want it kept, Deleted", r, err)
	}
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 1})
	if err != nil || len(rc) != 1 || rc[0].Kind != store.ChangeNew || !rc[0].New || rc[0].OldRevID != 0 || rc[0].OldSize != 0 {
		t.Fatalf("Recent = %+v, %v; want a new page", rc, err)
	}
	_, err = s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Phoenix"})
	wantErr(t, "undeleting over a re-created page", err, store.ErrConflict)

	// Deleting it again and undeleting merges both histories.
	remove(t, s, "Phoenix")
	back, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Phoenix"})
	if err != nil || back.Revision.ID != res.Revision.ID {
		t.Fatalf("UndeletePage = %+v, %v; want revision %d current", back, err, res.Revision.ID)
	}
	want := []int64{res.Revision.ID, old2.Revision.ID, old.Revision.ID}
	if h, err := s.History(ctx(t), res.Page.ID, 0, 10); err != nil || !reflect.DeepEqual(revIDs(h), want) {
		t.Fatalf("History after undeletion = %v, %v; want %v", revIDs(h), err, want)
	}
}
