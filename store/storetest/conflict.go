package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/foliowiki/folio/store"
)

// snapshot counts what a save writes, to show a failed save wrote nothing.
type snapshot struct {
	latest  int64
	history int
	recent  int
	links   int
	pages   int
	logs    int
}

func takeSnapshot(t *testing.T, s store.Store, title string) snapshot {
	t.Helper()
	var sn snapshot
	if p, err := s.PageByTitle(ctx(t), title); err == nil {
		sn.latest = p.LatestRev
		h, err := s.History(ctx(t), p.ID, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		sn.history = len(h)
		l, err := s.OutgoingLinks(ctx(t), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		sn.links = len(l)
	}
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	sn.recent = len(rc)
	sn.pages, err = s.CountPages(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	logs, err := s.LogEntries(ctx(t), store.LogQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	sn.logs = len(logs)
	return sn
}

func testConflict(t *testing.T, s store.Store) {
	first := save(t, s, "C", "v1", 0)
	second := save(t, s, "C", "v2", first.Revision.ID)
	before := takeSnapshot(t, s, "C")

	cases := []struct {
		name  string
		title string
		base  int64
	}{
		{"stale base", "C", first.Revision.ID},
		{"create over existing", "C", 0},
		{"base on missing page", "Missing", second.Revision.ID},
	}
	for _, c := range cases {
		_, err := s.SaveRevision(ctx(t), store.SaveRequest{
			Title: c.title, Text: "lost?", BaseRevID: c.base, Links: []string{"X"}, Categories: []string{"Y"},
		})
		var ce *store.ConflictError
		if !errors.As(err, &ce) || !errors.Is(err, store.ErrConflict) {
			t.Fatalf("%s: err = %v, want *ConflictError wrapping ErrConflict", c.name, err)
		}
		if ce.BaseRevID != c.base {
			t.Errorf("%s: ConflictError.BaseRevID = %d, want %d", c.name, ce.BaseRevID, c.base)
		}
		if c.title == "C" && ce.LatestRev != second.Revision.ID {
			t.Errorf("%s: ConflictError.LatestRev = %d, want %d", c.name, ce.LatestRev, second.Revision.ID)
		}
	}
	if after := takeSnapshot(t, s, "C"); after != before {
		t.Fatalf("a conflicting save wrote something: before %+v after %+v", before, after)
	}
	if _, err := s.PageByTitle(ctx(t), "Missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a conflicting save created a page: %v", err)
	}
}

// race runs n saves at once on the same base and returns the successes and
// the errors.
func race(t *testing.T, s store.Store, title string, base int64, n int) (wins []store.SaveResult, errs []error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := s.SaveRevision(ctx(t), store.SaveRequest{
				Title: title, Text: fmt.Sprintf("writer %d", i), BaseRevID: base, Links: []string{fmt.Sprintf("L%d", i)},
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			wins = append(wins, res)
		}()
	}
	close(start)
	wg.Wait()
	return wins, errs
}

func testConcurrentSameBase(t *testing.T, s store.Store) {
	base := save(t, s, "Race", "base", 0)
	before := takeSnapshot(t, s, "Race")
	wins, errs := race(t, s, "Race", base.Revision.ID, 2)
	checkOneWinner(t, wins, errs)
	after := takeSnapshot(t, s, "Race")
	if after.history != before.history+1 || after.recent != before.recent+1 || after.latest != wins[0].Revision.ID || after.links != 1 {
		t.Fatalf("after the race: %+v (before %+v), want exactly the winner's writes", after, before)
	}
}

func testConcurrentCreate(t *testing.T, s store.Store) {
	wins, errs := race(t, s, "Fresh", 0, 8)
	checkOneWinner(t, wins, errs)
	after := takeSnapshot(t, s, "Fresh")
	if after.pages != 1 || after.history != 1 || after.recent != 1 || after.links != 1 {
		t.Fatalf("after concurrent creates: %+v, want one page with one revision", after)
	}
}

func checkOneWinner(t *testing.T, wins []store.SaveResult, errs []error) {
	t.Helper()
	if len(wins) != 1 {
		t.Fatalf("%d saves won (errors: %v), want exactly 1", len(wins), errs)
	}
	for _, err := range errs {
		var ce *store.ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("losing save: err = %v, want *store.ConflictError", err)
		}
	}
}

func testNullEdit(t *testing.T, s store.Store) {
	first := save(t, s, "Same", "text", 0)
	before := takeSnapshot(t, s, "Same")
	res, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Same", Text: "text", BaseRevID: first.Revision.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged || res.Revision.ID != first.Revision.ID || res.Created {
		t.Fatalf("null edit = %+v, want Unchanged with revision %d", res, first.Revision.ID)
	}
	if after := takeSnapshot(t, s, "Same"); after != before {
		t.Fatalf("null edit wrote: before %+v after %+v", before, after)
	}
}
