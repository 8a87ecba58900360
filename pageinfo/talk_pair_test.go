package pageinfo_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// TestTalkPairFollowsItsPage: a page's PageInfo knows whether its talk
// page exists (the Discussion tab's colour), and a talk page's whether its
// subject page does; creating, deleting, undeleting or moving one drops
// the other's PageInfo and reports it as changed (CDNs purge it).
func TestTalkPairFollowsItsPage(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		ctx := context.Background()
		var mu sync.Mutex
		var purged []string
		s.OnChange = func(titles []string) {
			mu.Lock()
			defer mu.Unlock()
			purged = append(purged, titles...)
		}
		reported := func(title string) bool {
			mu.Lock()
			defer mu.Unlock()
			defer func() { purged = nil }()
			return slices.Contains(purged, title)
		}
		save(t, s, st, "P", "A page.")
		if got := latest(t, c, "P").Pair; got != (pageinfo.Link{Title: "Talk:P"}) {
			t.Fatalf("P's pair before its talk page: %+v", got)
		}
		reported("P")

		save(t, s, st, "Talk:P", "== A topic ==\nHello.")
		if got := latest(t, c, "P").Pair; got != (pageinfo.Link{Title: "Talk:P", Exists: true}) {
			t.Fatalf("P's pair after creating Talk:P: %+v", got)
		}
		if !reported("P") {
			t.Fatal("creating Talk:P did not report P as changed")
		}
		if got := latest(t, c, "Talk:P").Pair; got != (pageinfo.Link{Title: "P", Exists: true}) {
			t.Fatalf("Talk:P's pair: %+v", got)
		}

		if _, err := s.Delete(ctx, "Talk:P", pageinfo.Action{Reason: "test", UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		if got := latest(t, c, "P").Pair; got.Exists {
			t.Fatalf("P's pair after deleting Talk:P: %+v", got)
		}
		if !reported("P") {
			t.Fatal("deleting Talk:P did not report P as changed")
		}

		if _, err := s.Undelete(ctx, "Talk:P", pageinfo.Action{Reason: "oops", UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		if got := latest(t, c, "P").Pair; !got.Exists {
			t.Fatalf("P's pair after undeleting Talk:P: %+v", got)
		}
		if !reported("P") {
			t.Fatal("undeleting Talk:P did not report P as changed")
		}

		// Moving P away leaves Talk:P's subject missing (no redirect).
		if _, err := s.Move(ctx, "P", "Q", false, pageinfo.Action{Reason: "rename"}); err != nil {
			t.Fatal(err)
		}
		if got := latest(t, c, "Talk:P").Pair; got != (pageinfo.Link{Title: "P"}) {
			t.Fatalf("Talk:P's pair after moving P away: %+v", got)
		}
		if got := latest(t, c, "Q").Pair; got != (pageinfo.Link{Title: "Talk:Q"}) {
			t.Fatalf("Q's pair: %+v", got)
		}
		if !reported("Talk:P") {
			t.Fatal("moving P did not report Talk:P as changed")
		}
	})
}

// TestUserPagePair: User:Ada pairs with User_talk:Ada.
func TestUserPagePair(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		save(t, s, st, "User_talk:Ada", "Hi Ada.")
		save(t, s, st, "User:Ada", "I am Ada.")
		if got := latest(t, c, "User:Ada").Pair; got != (pageinfo.Link{Title: "User_talk:Ada", Exists: true}) {
			t.Fatalf("User:Ada's pair: %+v", got)
		}
	})
}
