package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// eventWait bounds every wait for an event.
const eventWait = 15 * time.Second

// Listener records what one Subscribe call delivers, for tests.
type Listener struct {
	events chan store.Event
	done   chan error
	cancel context.CancelFunc
}

// Listen subscribes to s until the test ends (or Stop), and returns once the
// subscription is listening: when it delivered its first EventReset.
func Listen(t *testing.T, s store.Events) *Listener {
	t.Helper()
	c, cancel := context.WithCancel(context.Background())
	l := &Listener{events: make(chan store.Event, 1<<14), done: make(chan error, 1), cancel: cancel}
	go func() {
		l.done <- s.Subscribe(c, func(ev store.Event) {
			select {
			case l.events <- ev:
			case <-c.Done():
			}
		})
	}()
	t.Cleanup(func() { l.Stop(t) })
	if ev := l.Next(t); ev.Kind != store.EventReset || len(ev.Keys) != 0 {
		t.Fatalf("first event = %+v, want a reset", ev)
	}
	return l
}

// Next returns the next event, failing the test after eventWait.
func (l *Listener) Next(t *testing.T) store.Event {
	t.Helper()
	select {
	case ev := <-l.events:
		return ev
	case err := <-l.done:
		l.done <- err
		t.Fatalf("Subscribe returned early: %v", err)
	case <-time.After(eventWait):
		t.Fatalf("no event within %v", eventWait)
	}
	return store.Event{}
}

// Keys receives events of kind until they brought n keys, and returns the
// keys in order of arrival. Any other event fails the test.
func (l *Listener) Keys(t *testing.T, kind string, n int) []string {
	t.Helper()
	var keys []string
	for len(keys) < n {
		ev := l.Next(t)
		if ev.Kind != kind {
			t.Fatalf("got event %q with %d keys, want %q (%d of %d keys so far)", ev.Kind, len(ev.Keys), kind, len(keys), n)
		}
		keys = append(keys, ev.Keys...)
	}
	return keys
}

// Stop ends the subscription and checks that Subscribe returned nil. It may
// be called more than once.
func (l *Listener) Stop(t *testing.T) {
	t.Helper()
	l.cancel()
	select {
	case err := <-l.done:
		l.done <- err
		if err != nil {
			t.Errorf("Subscribe after cancel = %v, want nil", err)
		}
	case <-time.After(eventWait):
		t.Errorf("Subscribe did not return within %v of its context's end", eventWait)
	}
}

// publish publishes ev and fails the test on error.
func publish(t *testing.T, s store.Events, ev store.Event) {
	t.Helper()
	if err := s.Publish(ctx(t), ev); err != nil {
		t.Fatalf("publish %q (%d keys): %v", ev.Kind, len(ev.Keys), err)
	}
}

func testEvents(t *testing.T, s store.Store) {
	l1, l2 := Listen(t, s), Listen(t, s)
	ev := store.Event{Kind: "pageinfo", Keys: []string{"12", "Main_Page", `odd "key" \ é`}}
	publish(t, s, ev)
	publish(t, s, store.Event{Kind: "title"})
	for i, l := range []*Listener{l1, l2} {
		if got := l.Next(t); !reflect.DeepEqual(got, ev) {
			t.Errorf("subscriber %d got %+v, want %+v", i, got, ev)
		}
		if got := l.Next(t); got.Kind != "title" || len(got.Keys) != 0 {
			t.Errorf("subscriber %d got %+v, want a keyless title event", i, got)
		}
	}
	// A stopped subscriber does not hold up the others.
	l1.Stop(t)
	publish(t, s, ev)
	if got := l2.Next(t); !reflect.DeepEqual(got, ev) {
		t.Errorf("after the other stopped: got %+v, want %+v", got, ev)
	}
	long := strings.Repeat("k", store.MaxEventKeyBytes)
	publish(t, s, store.Event{Kind: "long", Keys: []string{long}})
	if got := l2.Keys(t, "long", 1); !reflect.DeepEqual(got, []string{long}) {
		t.Errorf("a key of MaxEventKeyBytes did not arrive whole")
	}
	if err := s.Publish(ctx(t), store.Event{Kind: "long", Keys: []string{long + "k"}}); err == nil {
		t.Errorf("Publish of a key longer than MaxEventKeyBytes: no error")
	}
}

// manyKeys returns n distinct keys of various lengths and characters, about
// 40 bytes each: far more than one notification holds.
func manyKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("Page_%06d_%s", i, strings.Repeat(`é"\<`, i%12))
	}
	return keys
}

func testEventsManyKeys(t *testing.T, s store.Store) {
	l := Listen(t, s)
	keys := manyKeys(20000)
	publish(t, s, store.Event{Kind: "pageinfo", Keys: keys})
	publish(t, s, store.Event{Kind: "after"})
	got := l.Keys(t, "pageinfo", len(keys))
	if !slices.Equal(got, keys) {
		t.Fatalf("received %d keys, want the %d published, in order", len(got), len(keys))
	}
	if ev := l.Next(t); ev.Kind != "after" {
		t.Fatalf("event after the split one = %+v, want \"after\"", ev)
	}
}

func testEventsAfterClose(t *testing.T, s store.Store) {
	done := make(chan error, 1)
	ready := make(chan struct{}, 1)
	go func() {
		done <- s.Subscribe(context.Background(), func(ev store.Event) {
			if ev.Kind == store.EventReset {
				select {
				case ready <- struct{}{}:
				default:
				}
			}
		})
	}()
	select {
	case <-ready:
	case <-time.After(eventWait):
		t.Fatal("Subscribe never listened")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("Subscribe on a closed store = nil, want an error")
		}
	case <-time.After(eventWait):
		t.Fatal("Subscribe did not return when the store closed")
	}
	if err := s.Subscribe(context.Background(), func(store.Event) {}); err == nil {
		t.Errorf("Subscribe after Close = nil, want an error")
	}
}

// RunShared runs the cases that need two clients of one database, such as
// two nodes sharing a PostgreSQL database: open returns both, fresh for the
// test; the suite closes them.
func RunShared(t *testing.T, open func(t *testing.T) (a, b store.Store)) {
	cases := []struct {
		name string
		fn   func(t *testing.T, a, b store.Store)
	}{
		{"EventsBetweenClients", testEventsBetweenClients},
		{"ManyKeysBetweenClients", testManyKeysBetweenClients},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := open(t)
			t.Cleanup(func() { a.Close(); b.Close() })
			c.fn(t, a, b)
		})
	}
}

func testEventsBetweenClients(t *testing.T, a, b store.Store) {
	la, lb := Listen(t, a), Listen(t, b)
	fromA := store.Event{Kind: "pageinfo", Keys: []string{"1", "2"}}
	fromB := store.Event{Kind: "title", Keys: []string{"Main_Page"}}
	publish(t, a, fromA)
	publish(t, b, fromB)
	for name, l := range map[string]*Listener{"a": la, "b": lb} {
		if got := l.Next(t); !reflect.DeepEqual(got, fromA) {
			t.Errorf("client %s got %+v first, want %+v", name, got, fromA)
		}
		if got := l.Next(t); !reflect.DeepEqual(got, fromB) {
			t.Errorf("client %s got %+v second, want %+v", name, got, fromB)
		}
	}
}

func testManyKeysBetweenClients(t *testing.T, a, b store.Store) {
	lb := Listen(t, b)
	keys := manyKeys(5000)
	publish(t, a, store.Event{Kind: "pageinfo", Keys: keys})
	if got := lb.Keys(t, "pageinfo", len(keys)); !slices.Equal(got, keys) {
		t.Fatalf("client b received %d keys, want the %d client a published, in order", len(got), len(keys))
	}
}

// testSaveEvents: a save's Events are delivered when it commits, and not at
// all for a save that wrote nothing (a conflict, a null edit).
func testSaveEvents(t *testing.T, s store.Store) {
	l := Listen(t, s)
	ev := store.Event{Kind: "pageinfo", Keys: []string{"t:Evented"}}
	first, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Evented", Text: "v1", Events: []store.Event{ev}})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Next(t); !reflect.DeepEqual(got, ev) {
		t.Fatalf("after the save: %+v, want %+v", got, ev)
	}
	lost := store.Event{Kind: "pageinfo", Keys: []string{"t:never"}}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Evented", Text: "stale", BaseRevID: 0, Events: []store.Event{lost}}); err == nil {
		t.Fatal("a stale save succeeded")
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Evented", Text: "v1", BaseRevID: first.Revision.ID, Events: []store.Event{lost}}); err != nil {
		t.Fatal(err)
	}
	marker := store.Event{Kind: "marker"}
	publish(t, s, marker)
	if got := l.Next(t); got.Kind != "marker" {
		t.Fatalf("a save that wrote nothing published %+v", got)
	}
}

// testSaveDropParse: a save drops the parse-cache rows it names, in its
// transaction, and a save that wrote nothing drops none.
func testSaveDropParse(t *testing.T, s store.Store) {
	for _, rev := range []int64{101, 102} {
		if err := s.PutParse(ctx(t), rev, "v", []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Dropper", Text: "x", BaseRevID: 7, DropParse: []int64{101}}); err == nil {
		t.Fatal("a stale save succeeded")
	}
	if _, err := s.GetParse(ctx(t), 101, "v"); err != nil {
		t.Fatalf("a failed save dropped a parse row: %v", err)
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Dropper", Text: "x", DropParse: []int64{101}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetParse(ctx(t), 101, "v"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("parse row 101 after the save: %v, want ErrNotFound", err)
	}
	if _, err := s.GetParse(ctx(t), 102, "v"); err != nil {
		t.Fatalf("parse row 102 was dropped too: %v", err)
	}
}
