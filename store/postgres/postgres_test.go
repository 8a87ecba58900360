package postgres_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/storetest"
)

func TestConformance(t *testing.T) {
	pgtest.DSN(t) // skip (loudly) or fail before any subtest when there is no server
	t.Log("running the store conformance suite on PostgreSQL")
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(testCtx(t), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// fresh opens a store on a schema of its own.
func fresh(t *testing.T) *postgres.Store {
	t.Helper()
	return open(t, pgtest.Schema(t))
}

func mustSave(t *testing.T, s *postgres.Store, req store.SaveRequest) store.SaveResult {
	t.Helper()
	res, err := s.SaveRevision(testCtx(t), req)
	if err != nil {
		t.Fatalf("save %q on base %d: %v", req.Title, req.BaseRevID, err)
	}
	return res
}

func TestConcurrentCreateReportsWinner(t *testing.T) {
	s := fresh(t)
	const n = 8
	var wg sync.WaitGroup
	results := make([]store.SaveResult, n)
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i], errs[i] = s.SaveRevision(testCtx(t), store.SaveRequest{
				Title: "New", Text: fmt.Sprintf("writer %d", i), Links: []string{fmt.Sprint("L", i)},
			})
		}()
	}
	close(start)
	wg.Wait()
	var winner store.SaveResult
	wins := 0
	for i, err := range errs {
		if err == nil {
			winner = results[i]
			wins++
		}
	}
	if wins != 1 {
		t.Fatalf("%d winners, want 1 (errors %v)", wins, errs)
	}
	for _, err := range errs {
		var ce *store.ConflictError
		if err != nil && (!errors.As(err, &ce) || ce.LatestRev != winner.Revision.ID || ce.BaseRevID != 0) {
			t.Errorf("loser: %v, want a ConflictError naming revision %d", err, winner.Revision.ID)
		}
	}
	if !winner.Created {
		t.Errorf("winner = %+v, want Created", winner)
	}
}

func TestSaveDefaultsAndNullEdit(t *testing.T) {
	s := fresh(t)
	before := time.Now().UTC().Truncate(time.Microsecond)
	res := mustSave(t, s, store.SaveRequest{Title: "T", Text: "héllo", Redirect: "Elsewhere"})
	ts := res.Revision.Timestamp
	if ts.Before(before) || ts.Location() != time.UTC || ts.Nanosecond()%1000 != 0 {
		t.Errorf("Timestamp = %v, want now in UTC at microsecond precision", ts)
	}
	p, err := s.PageByTitle(testCtx(t), "T")
	if err != nil || p.Size != len("héllo") || p.Redirect != "Elsewhere" || !p.Touched.Equal(ts) || p != res.Page {
		t.Fatalf("page = %+v, %v; want %+v", p, err, res.Page)
	}
	again, err := s.SaveRevision(testCtx(t), store.SaveRequest{Title: "T", Text: "héllo", BaseRevID: res.Revision.ID})
	if err != nil || !again.Unchanged || again.Revision != res.Revision {
		t.Fatalf("null edit = %+v, %v", again, err)
	}
	if rc, _ := s.Recent(testCtx(t), store.RecentQuery{Limit: -1}); len(rc) != 1 {
		t.Fatalf("recent changes after a null edit = %d rows, want 1", len(rc))
	}
	// A stale base with unchanged text is still a conflict.
	_, err = s.SaveRevision(testCtx(t), store.SaveRequest{Title: "T", Text: "héllo", BaseRevID: res.Revision.ID + 100})
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("stale null edit: %v, want ErrConflict", err)
	}
}

func TestBytewiseTitleOrder(t *testing.T) {
	s := fresh(t)
	for _, title := range []string{"a", "B", "Ä", "_", "Z"} {
		mustSave(t, s, store.SaveRequest{Title: title, Text: title, Links: []string{"Target"}})
	}
	pages, err := s.ListPages(testCtx(t), "", -1)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range pages {
		titles = append(titles, p.Title)
	}
	want := []string{"B", "Z", "_", "a", "Ä"} // Go string order, whatever the database locale
	if !reflect.DeepEqual(titles, want) {
		t.Fatalf("ListPages = %q, want %q", titles, want)
	}
	back, err := s.Backlinks(testCtx(t), "Target", "Z", 2)
	if err != nil || !reflect.DeepEqual(back, []string{"Z", "_"}) {
		t.Fatalf("Backlinks from Z = %q, %v", back, err)
	}
	if none, err := s.ListPages(testCtx(t), "", 0); err != nil || len(none) != 0 {
		t.Fatalf("ListPages limit 0 = %v, %v; want none", none, err)
	}
}

func TestSearchDetails(t *testing.T) {
	s := fresh(t)
	mustSave(t, s, store.SaveRequest{Title: "Straße", Text: "ÜBER große Dinge.\n\nMehr   Text über x.y und foo-bar."})
	mustSave(t, s, store.SaveRequest{Title: "Other_Page", Text: "nothing"})
	cases := []struct {
		q    string
		want []string
	}{
		{"über", []string{"Straße"}},         // non-ASCII case folding, even under locale C
		{"GROSSE", []string{"Straße"}},       // ß folds to ss (store.SearchWords)
		{"uber", []string{"Straße"}},         // accents fold
		{"dingo", nil},                       // stemming does not make up words
		{"straße dinge", []string{"Straße"}}, // title and body words together
		{"x y", []string{"Straße"}},          // punctuation separates words, as in SQLite
		{"bar", []string{"Straße"}},
		{"other page", []string{"Other_Page"}},
		{"Other_Page", []string{"Other_Page"}},
		{"-nothing", []string{"Other_Page"}}, // no query syntax: "-" is punctuation
		{"... !!!", nil},
	}
	for _, c := range cases {
		hits, total, err := s.SearchPages(testCtx(t), c.q, 0, 10)
		if err != nil {
			t.Errorf("search %q: %v", c.q, err)
			continue
		}
		var titles []string
		for _, h := range hits {
			titles = append(titles, h.Title)
			if strings.ContainsAny(h.Snippet, "\n<>") || h.Rank <= 0 {
				t.Errorf("search %q: hit %+v, want a one-line plain snippet and a positive rank", c.q, h)
			}
		}
		if !reflect.DeepEqual(titles, c.want) || total.Count != len(c.want) {
			t.Errorf("search %q = %q (total %+v), want %q", c.q, titles, total, c.want)
		}
	}
	hits, total, err := s.SearchPages(testCtx(t), "über", 5, 10)
	if err != nil || len(hits) != 0 || total.Count != 1 {
		t.Fatalf("search past the end = %v (total %+v), %v", hits, total, err)
	}
}
