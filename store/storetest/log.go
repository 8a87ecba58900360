package storetest

import (
	"reflect"
	"testing"

	"github.com/foliowiki/folio/store"
)

func testChangeKinds(t *testing.T, s store.Store) {
	first := save(t, s, "K", "one", 0)
	save(t, s, "K", "two", first.Revision.ID)
	remove(t, s, "K")
	if _, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "K"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "K", To: "L"}); err != nil {
		t.Fatal(err)
	}
	rc, err := s.Recent(ctx(t), store.RecentQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var kinds, targets []string
	var news []bool
	for _, c := range rc {
		kinds, targets, news = append(kinds, c.Kind), append(targets, c.Target), append(news, c.New)
	}
	want := []string{store.ChangeMove, store.ChangeUndelete, store.ChangeDelete, store.ChangeEdit, store.ChangeNew}
	if !reflect.DeepEqual(kinds, want) || !reflect.DeepEqual(targets, []string{"L", "", "", "", ""}) ||
		!reflect.DeepEqual(news, []bool{false, false, false, false, true}) {
		t.Fatalf("Recent kinds %v, targets %q, new %v; want kinds %v, target L on the move, new on the first", kinds, targets, news, want)
	}
	for _, c := range rc {
		if c.Title != "K" || c.PageID != first.Page.ID {
			t.Errorf("change %+v: want title K and page %d", c, first.Page.ID)
		}
	}
}

func testLog(t *testing.T, s store.Store) {
	save(t, s, "A", "a", 0)
	save(t, s, "C", "c", 0)
	remove(t, s, "A")
	if _, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "A", Reason: "oops", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "A", To: "B", Reason: "rename", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	remove(t, s, "C")

	all, err := s.LogEntries(ctx(t), store.LogQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := summarize(all)
	want := []string{"delete C ", "move A B", "undelete A ", "delete A "}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("LogEntries = %q, want %q", got, want)
	}
	for _, e := range all {
		if e.ID == 0 || e.Timestamp.IsZero() || e.UserName != "Admin" || e.PageID == 0 {
			t.Errorf("log entry %+v: want an id, a time, the user and the page", e)
		}
	}
	checks := []struct {
		q    store.LogQuery
		want []string
	}{
		{store.LogQuery{Limit: 10, Title: "A"}, want[1:]},
		{store.LogQuery{Limit: 10, Kind: store.LogDelete}, []string{"delete C ", "delete A "}},
		{store.LogQuery{Limit: 10, Title: "A", Kind: store.LogDelete}, []string{"delete A "}},
		{store.LogQuery{Limit: 10, Before: all[1].ID}, want[2:]},
		{store.LogQuery{Limit: 1}, want[:1]},
		{store.LogQuery{Limit: 0}, nil},
		{store.LogQuery{Limit: 10, Title: "B"}, nil},
	}
	for _, c := range checks {
		es, err := s.LogEntries(ctx(t), c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := summarize(es); !reflect.DeepEqual(got, c.want) {
			t.Errorf("LogEntries(%+v) = %q, want %q", c.q, got, c.want)
		}
	}
}

// summarize lists "kind title target" of each entry.
func summarize(es []store.LogEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Kind+" "+e.Title+" "+e.Target)
	}
	return out
}
