package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/foliowiki/folio/store"
)

// inTx runs a page action with the given Events and DropParse.
type inTx func(events []store.Event, drop []int64) error

// refusal is a page action the store refuses with want.
type refusal struct {
	what string
	want error
	do   inTx
}

// checkActionInTx checks that a page action publishes its Events and drops
// its DropParse rows in its transaction: every refused action publishes and
// drops nothing, and commit, which succeeds, does both.
func checkActionInTx(t *testing.T, s store.Store, refused []refusal, commit inTx) {
	t.Helper()
	for _, rev := range []int64{301, 302, 303} {
		if err := s.PutParse(ctx(t), rev, "v", []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	l := Listen(t, s)
	lost := store.Event{Kind: "pageinfo", Keys: []string{"t:never"}}
	for _, r := range refused {
		wantErr(t, r.what, r.do([]store.Event{lost}, []int64{301}), r.want)
		if _, err := s.GetParse(ctx(t), 301, "v"); err != nil {
			t.Fatalf("%s dropped a parse row: %v", r.what, err)
		}
	}
	ev := store.Event{Kind: "pageinfo", Keys: []string{"n:1", "t:Acted", "r:301"}}
	if err := commit([]store.Event{ev, {Kind: "second"}}, []int64{301, 303}); err != nil {
		t.Fatal(err)
	}
	// Events arrive in order: one of a refused action would come first.
	if got := l.Next(t); !reflect.DeepEqual(got, ev) {
		t.Fatalf("after the action: %+v, want %+v (and nothing from a refused one before it)", got, ev)
	}
	if got := l.Next(t); got.Kind != "second" {
		t.Fatalf("second event = %+v, want \"second\"", got)
	}
	for _, rev := range []int64{301, 303} {
		if _, err := s.GetParse(ctx(t), rev, "v"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("parse row %d after the action: %v, want ErrNotFound", rev, err)
		}
	}
	if _, err := s.GetParse(ctx(t), 302, "v"); err != nil {
		t.Fatalf("parse row 302 was dropped too: %v", err)
	}
}

// testDeleteEvents: a deletion's Events and DropParse take effect with its
// transaction, and not for a refused deletion.
func testDeleteEvents(t *testing.T, s store.Store) {
	first := save(t, s, "Doomed", "v1", 0)
	save(t, s, "Doomed", "v2", first.Revision.ID)
	checkActionInTx(t, s, []refusal{
		{"delete on a stale base", store.ErrConflict, func(events []store.Event, drop []int64) error {
			_, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Doomed", BaseRevID: first.Revision.ID, Events: events, DropParse: drop})
			return err
		}},
		{"delete of a missing page", store.ErrNotFound, func(events []store.Event, drop []int64) error {
			_, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Missing", Events: events, DropParse: drop})
			return err
		}},
	}, func(events []store.Event, drop []int64) error {
		_, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Doomed", Events: events, DropParse: drop})
		return err
	})
}

// testUndeleteEvents: an undeletion's Events and DropParse take effect with
// its transaction, and not for a refused undeletion.
func testUndeleteEvents(t *testing.T, s store.Store) {
	save(t, s, "Lazarus", "v1", 0)
	remove(t, s, "Lazarus")
	save(t, s, "Alive", "v1", 0)
	checkActionInTx(t, s, []refusal{
		{"undelete of a live page", store.ErrConflict, func(events []store.Event, drop []int64) error {
			_, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Alive", Events: events, DropParse: drop})
			return err
		}},
		{"undelete of a title never used", store.ErrNotFound, func(events []store.Event, drop []int64) error {
			_, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Nobody", Events: events, DropParse: drop})
			return err
		}},
	}, func(events []store.Event, drop []int64) error {
		_, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Lazarus", Events: events, DropParse: drop})
		return err
	})
}

// testMoveEvents: a move's Events and DropParse take effect with its
// transaction, and not for a refused move.
func testMoveEvents(t *testing.T, s store.Store) {
	first := save(t, s, "Mover", "v1", 0)
	save(t, s, "Mover", "v2", first.Revision.ID)
	save(t, s, "Taken", "t", 0)
	move := func(to string, base int64) inTx {
		return func(events []store.Event, drop []int64) error {
			_, err := s.MovePage(ctx(t), store.MoveRequest{From: "Mover", To: to, BaseRevID: base,
				LeaveRedirect: true, RedirectText: "#REDIRECT", RedirectLinks: []string{to}, Events: events, DropParse: drop})
			return err
		}
	}
	checkActionInTx(t, s, []refusal{
		{"move on a stale base", store.ErrConflict, move("Moved", first.Revision.ID)},
		{"move onto a live page", store.ErrConflict, move("Taken", 0)},
	}, move("Moved", 0))
}
