package pageinfo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
)

// TestDeleteTurnsRed: deleting B turns A's link to B red again; undeleting
// turns it blue.
func TestDeleteTurnsRed(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		ctx := context.Background()
		save(t, s, st, "A", "See [[B]].")
		save(t, s, st, "B", "B exists.")
		if got := linkTo(latest(t, c, "A"), "B"); got != "blue" {
			t.Fatalf("with B: link is %s", got)
		}
		if _, err := s.Delete(ctx, "B", pageinfo.Action{Reason: "test", UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		if got := linkTo(latest(t, c, "A"), "B"); got != "red" {
			t.Fatalf("after deleting B: link is %s", got)
		}
		if _, err := c.Latest(ctx, "B"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Latest(B) after delete: %v, want ErrNotFound", err)
		}
		if _, err := s.Undelete(ctx, "B", pageinfo.Action{Reason: "oops", UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		if got := linkTo(latest(t, c, "A"), "B"); got != "blue" {
			t.Fatalf("after undeleting B: link is %s", got)
		}
	})
}

// TestMoveLeavesRedirect: after a move, links to the old title reach the
// redirect (blue) and links to the new title turn blue.
func TestMoveLeavesRedirect(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		save(t, s, st, "Links", "[[Old]] and [[New]]")
		save(t, s, st, "Old", "content")
		if _, err := s.Move(context.Background(), "Old", "New", true, pageinfo.Action{Reason: "rename"}); err != nil {
			t.Fatal(err)
		}
		pi := latest(t, c, "Links")
		if linkTo(pi, "Old") != "blue" || linkTo(pi, "New") != "blue" {
			t.Fatalf("after the move: Old %s, New %s", linkTo(pi, "Old"), linkTo(pi, "New"))
		}
		if red := latest(t, c, "Old"); red.Redirect != "New" {
			t.Fatalf("Old is not a redirect to New: %+v", red)
		}
		if got := latest(t, c, "New"); got.HTML == "" || got.Title != "New" {
			t.Fatalf("New = %+v", got)
		}
	})
}

// TestTwoNodesOnPostgres: two store clients on one database, each with its
// own cache, as two folio serve nodes. What node 1 writes reaches node 2's
// cache through LISTEN/NOTIFY within a second.
func TestTwoNodesOnPostgres(t *testing.T) {
	dsn := pgtest.Schema(t)
	open := func() store.Store {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	st1, st2 := open(), open()
	_, s1 := newCache(t, st1)
	c2, _ := newCache(t, st2)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c2.Listen(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Listen: %v", err)
		}
	})

	save(t, s1, st1, "A", "See [[B]].")
	within(t, "node 2 sees A", func() bool {
		pi, err := c2.Latest(context.Background(), "A")
		return err == nil && linkTo(pi, "B") == "red"
	})
	save(t, s1, st1, "B", "exists")
	within(t, "node 2 drops A's red link", func() bool {
		return linkTo(latest(t, c2, "A"), "B") == "blue"
	})
	save(t, s1, st1, "A", "See [[B]], edited.")
	within(t, "node 2 serves A's new revision", func() bool {
		pi := latest(t, c2, "A")
		return pi.Summary == "See B, edited."
	})
}

// within polls cond for up to a second: cross-node delivery is asynchronous.
func within(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 1 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
