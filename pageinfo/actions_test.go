package pageinfo_test

import (
	"context"
	"errors"
	"strconv"
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
	listen(t, c2)

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

// listen runs c.Listen until the test ends.
func listen(t *testing.T, c *pageinfo.Cache) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Listen(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Listen: %v", err)
		}
	})
}

// mute is a store whose Publish fails: a node whose publishing after a
// commit never happens, as one killed right after its commit.
type mute struct{ store.Store }

func (mute) Publish(context.Context, store.Event) error { return errors.New("publishing is off") }

// twoNodes returns the Cache and Saver of a node that cannot publish after
// a commit, the Cache of another node on the same store, listening, and
// settle, which returns once node 2 has applied every event published so
// far.
func twoNodes(t *testing.T, st store.Store) (c1 *pageinfo.Cache, s1 *pageinfo.Saver, c2 *pageinfo.Cache, settle func()) {
	t.Helper()
	c1, s1 = newCache(t, mute{st})
	reads := &counting{Store: st}
	c2, _ = newCache(t, reads)
	listen(t, c2)
	save(t, s1, st, "Probe", "0")
	n := 0
	settle = func() {
		t.Helper()
		// Once node 2 holds Probe (a second read reads nothing), an edit
		// of it reaches node 2 only through its event (or a reset), which
		// comes after every event published before.
		for {
			latest(t, c2, "Probe")
			before := reads.reads.Load()
			latest(t, c2, "Probe")
			if reads.reads.Load() == before {
				break
			}
		}
		n++
		text := strconv.Itoa(n)
		save(t, s1, st, "Probe", text)
		within(t, "node 2 hears the edit of Probe", func() bool { return latest(t, c2, "Probe").Summary == text })
	}
	settle()
	return c1, s1, c2, settle
}

// TestActionsPublishInTx: a deletion, an undeletion and a move reach the
// other nodes through the store's transaction, even when the acting node
// publishes nothing after the commit: node 2 drops the title and the
// renderings of the pages linking to it.
//
// Before each action node 2 has heard every event (settle) and holds what
// the action makes stale. Its parse-cache writes behind its reads are not
// flushed: one landing after the action's commit (it waits on the action's
// lock on SQLite) would put the old rendering back in the parse cache, but
// node 2 drops the rows it wrote lately again when it hears the event
// (Cache.redrop); without that this test fails.
func TestActionsPublishInTx(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		_, s1, c2, settle := twoNodes(t, st)
		save(t, s1, st, "A", "See [[B]].")
		save(t, s1, st, "B", "B exists.")
		settle()
		if got := linkTo(latest(t, c2, "A"), "B"); got != "blue" {
			t.Fatalf("node 2: A's link to B is %s", got)
		}
		latest(t, c2, "B")
		if _, err := s1.Delete(ctx, "B", pageinfo.Action{Reason: "test", UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		within(t, "node 2 forgets B", func() bool {
			_, err := c2.Latest(ctx, "B")
			return errors.Is(err, store.ErrNotFound)
		})
		within(t, "node 2 turns A's link red", func() bool { return linkTo(latest(t, c2, "A"), "B") == "red" })

		settle()
		if _, err := s1.Undelete(ctx, "B", pageinfo.Action{Reason: "oops", UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		within(t, "node 2 turns A's link blue", func() bool { return linkTo(latest(t, c2, "A"), "B") == "blue" })
		within(t, "node 2 sees B back", func() bool {
			pi, err := c2.Latest(ctx, "B")
			return err == nil && pi.Title == "B"
		})

		save(t, s1, st, "Links", "[[Old]] and [[New]]")
		save(t, s1, st, "Old", "content")
		settle()
		if pi := latest(t, c2, "Links"); linkTo(pi, "Old") != "blue" || linkTo(pi, "New") != "red" {
			t.Fatalf("node 2: Links links to Old %s, to New %s", linkTo(pi, "Old"), linkTo(pi, "New"))
		}
		if got := latest(t, c2, "Old"); got.Title != "Old" {
			t.Fatalf("node 2: Old = %+v", got)
		}
		if _, err := s1.Move(ctx, "Old", "New", false, pageinfo.Action{Reason: "rename"}); err != nil {
			t.Fatal(err)
		}
		within(t, "node 2 recolours the links to both titles", func() bool {
			pi := latest(t, c2, "Links")
			return linkTo(pi, "Old") == "red" && linkTo(pi, "New") == "blue"
		})
		within(t, "node 2 forgets Old", func() bool {
			_, err := c2.Latest(ctx, "Old")
			return errors.Is(err, store.ErrNotFound)
		})
		within(t, "node 2 renders the moved page under its new title", func() bool {
			return latest(t, c2, "New").Title == "New"
		})
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
