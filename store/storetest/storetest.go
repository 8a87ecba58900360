// Package storetest is the conformance suite every store backend passes: the
// same test functions run against SQLite and PostgreSQL.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t) })
//	}
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// Opener returns a fresh, empty, migrated store for one test. The suite
// closes it.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite, each case on a fresh store.
func Run(t *testing.T, open Opener) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Migrations", testMigrations},
		{"CreateAndRead", testCreateAndRead},
		{"NotFound", testNotFound},
		{"Edit", testEdit},
		{"History", testHistory},
		{"Contributions", testContributions},
		{"NextRevision", testNextRevision},
		{"RevisionStats", testRevisionStats},
		{"RedirectsAndBacklinkCount", testRedirectsAndBacklinkCount},
		{"RandomPage", testRandomPage},
		{"Conflict", testConflict},
		{"ConcurrentSameBase", testConcurrentSameBase},
		{"ConcurrentCreate", testConcurrentCreate},
		{"NullEdit", testNullEdit},
		{"Load", testLoad},
		{"LinksAndBacklinks", testLinks},
		{"FileLinks", testFileLinks},
		{"TemplateLinks", testTemplateLinks},
		{"TemplateLinksActions", testTemplateLinksActions},
		{"SetPageTemplates", testSetPageTemplates},
		{"Categories", testCategories},
		{"RecentChanges", testRecent},
		{"RecentNamespace", testRecentNamespace},
		{"ListAndCount", testListAndCount},
		{"Users", testUsers},
		{"Groups", testGroups},
		{"Sessions", testSessions},
		{"Tokens", testTokens},
		{"AccountVersions", testAccountVersions},
		{"Preferences", testPreferences},
		{"EditCount", testEditCount},
		{"Blocks", testBlocks},
		{"AccountErrors", testAccountErrors},
		{"DeleteUserSessions", testDeleteUserSessions},
		{"Protection", testProtection},
		{"ForeignKeys", testForeignKeys},
		{"ParseCache", testParseCache},
		{"EmptyParse", testEmptyParse},
		{"Search", testSearch},
		{"SearchHostileQueries", testSearchHostile},
		{"SearchManyMatches", testSearchManyMatches},
		{"SearchSnippetWindow", testSearchSnippetWindow},
		{"SearchCancelled", testSearchCancelled},
		{"SearchWindow", testSearchWindow},
		{"SearchText", testSearchText},
		{"Reindex", testReindex},
		{"TitlesWithPrefix", testTitlesWithPrefix},
		{"RecentHide", testRecentHide},
		{"Unicode", testUnicode},
		{"SearchGerman", testSearchGerman},
		{"SearchFrench", testSearchFrench},
		{"SearchSpanish", testSearchSpanish},
		{"SearchArabic", testSearchArabic},
		{"SearchJapanese", testSearchJapanese},
		{"SearchLanguageChange", testSearchLanguageChange},
		{"StoredTimes", testStoredTimes},
		{"Delete", testDelete},
		{"DeleteErrors", testDeleteErrors},
		{"Undelete", testUndelete},
		{"Recreate", testRecreate},
		{"Move", testMove},
		{"MoveConflicts", testMoveConflicts},
		{"ChangeKinds", testChangeKinds},
		{"Log", testLog},
		{"Events", testEvents},
		{"SaveEvents", testSaveEvents},
		{"SaveDropParse", testSaveDropParse},
		{"DeleteEvents", testDeleteEvents},
		{"UndeleteEvents", testUndeleteEvents},
		{"MoveEvents", testMoveEvents},
		{"EventsManyKeys", testEventsManyKeys},
		{"EventsAfterClose", testEventsAfterClose},
		{"Files", testFiles},
		{"Blobs", testBlobs},
		{"Watch", testWatch},
		{"WatchSave", testWatchSave},
		{"WatchlistChanges", testWatchlistChanges},
		{"WatchMove", testWatchMove},
		{"Notifications", testNotifications},
		{"RenderQueue", testRenderQueue},
		{"RenderQueueRequeue", testRenderQueueRequeue},
		{"RenderQueueConcurrentClaims", testRenderQueueConcurrentClaims},
		{"RenderQueueInActions", testRenderQueueInActions},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			c.fn(t, s)
		})
	}
}

// ctx returns a context bounded so a deadlock fails the test instead of hanging it.
func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// save saves text on top of base and fails the test on error.
func save(t testing.TB, s store.Store, title, text string, base int64) store.SaveResult {
	t.Helper()
	res, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: title, Text: text, BaseRevID: base, UserName: "Tester"})
	if err != nil {
		t.Fatalf("save %q on base %d: %v", title, base, err)
	}
	return res
}

func testMigrations(t *testing.T, s store.Store) {
	names := s.Migrations()
	if len(names) == 0 || names[0] != "0001_init" {
		t.Fatalf("Migrations() = %v, want it to start with 0001_init", names)
	}
	if err := s.Migrate(ctx(t)); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
}

func testCreateAndRead(t *testing.T, s store.Store) {
	ts := time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC)
	res, err := s.SaveRevision(ctx(t), store.SaveRequest{
		Title: "Main_Page", Text: "Hello, world", Summary: "first", UserID: 0, UserName: "Alice", Timestamp: ts,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Unchanged || res.Revision.ID == 0 || res.Page.ID == 0 {
		t.Fatalf("SaveRevision = %+v, want a created page with ids", res)
	}
	p, err := s.PageByTitle(ctx(t), "Main_Page")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != res.Page.ID || p.LatestRev != res.Revision.ID || p.Size != len("Hello, world") {
		t.Fatalf("PageByTitle = %+v, want id %d latest %d size 12", p, res.Page.ID, res.Revision.ID)
	}
	if !p.Touched.Equal(ts) {
		t.Errorf("Touched = %v, want %v", p.Touched, ts)
	}
	byID, err := s.PageByID(ctx(t), p.ID)
	if err != nil || byID.Title != "Main_Page" {
		t.Fatalf("PageByID = %+v, %v", byID, err)
	}
	r, err := s.LatestRevision(ctx(t), "Main_Page")
	if err != nil {
		t.Fatal(err)
	}
	want := store.Revision{ID: res.Revision.ID, PageID: p.ID, Title: "Main_Page", Text: "Hello, world",
		Summary: "first", UserName: "Alice", Size: 12, Timestamp: ts}
	if r != want {
		t.Fatalf("LatestRevision = %+v\nwant %+v", r, want)
	}
	r2, err := s.RevisionByID(ctx(t), res.Revision.ID)
	if err != nil || r2 != want {
		t.Fatalf("RevisionByID = %+v, %v; want %+v", r2, err, want)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	checks := map[string]error{}
	_, checks["PageByTitle"] = s.PageByTitle(ctx(t), "Nope")
	_, checks["PageByID"] = s.PageByID(ctx(t), 999)
	_, checks["RevisionByID"] = s.RevisionByID(ctx(t), 999)
	_, checks["LatestRevision"] = s.LatestRevision(ctx(t), "Nope")
	_, checks["UserByName"] = s.UserByName(ctx(t), "Nobody")
	_, checks["UserByID"] = s.UserByID(ctx(t), 999)
	_, checks["SessionByHash"] = s.SessionByHash(ctx(t), "nohash")
	_, checks["GetParse"] = s.GetParse(ctx(t), 999, "v1")
	checks["SetPasswordHash"] = s.SetPasswordHash(ctx(t), 999, "x")
	for name, err := range checks {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

func testEdit(t *testing.T, s store.Store) {
	first := save(t, s, "Page", "one", 0)
	res, err := s.SaveRevision(ctx(t), store.SaveRequest{
		Title: "Page", Text: "one two", BaseRevID: first.Revision.ID, Summary: "more", Minor: true, UserID: 7, UserName: "Bob",
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Revision.ParentID != first.Revision.ID || res.Revision.ID <= first.Revision.ID {
		t.Fatalf("edit = %+v, want parent %d", res, first.Revision.ID)
	}
	if res.Page.ID != first.Page.ID || res.Page.LatestRev != res.Revision.ID || res.Page.Size != 7 {
		t.Fatalf("edit page = %+v", res.Page)
	}
	r, err := s.LatestRevision(ctx(t), "Page")
	if err != nil || r.Text != "one two" || !r.Minor || r.UserID != 7 || r.UserName != "Bob" {
		t.Fatalf("LatestRevision = %+v, %v", r, err)
	}
	old, err := s.RevisionByID(ctx(t), first.Revision.ID)
	if err != nil || old.Text != "one" {
		t.Fatalf("old revision = %+v, %v; revisions must be kept", old, err)
	}
}

func testHistory(t *testing.T, s store.Store) {
	var ids []int64
	var base int64
	for i, text := range []string{"a", "b", "c", "d", "e"} {
		res := save(t, s, "Hist", text, base)
		base = res.Revision.ID
		ids = append(ids, base)
		_ = i
	}
	save(t, s, "Other", "x", 0)
	p, _ := s.PageByTitle(ctx(t), "Hist")
	h, err := s.History(ctx(t), p.ID, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].ID != ids[4] || h[1].ID != ids[3] || h[2].ID != ids[2] {
		t.Fatalf("History page 1 = %v, want ids %v", revIDs(h), []int64{ids[4], ids[3], ids[2]})
	}
	h2, err := s.History(ctx(t), p.ID, h[2].ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(h2) != 2 || h2[0].ID != ids[1] || h2[1].ID != ids[0] || h2[1].Text != "a" {
		t.Fatalf("History page 2 = %v, want ids %v", revIDs(h2), []int64{ids[1], ids[0]})
	}
}

func revIDs(rs []store.Revision) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}
