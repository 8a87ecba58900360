package postgres_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/storetest"
)

// TestConformanceShared runs the two-client cases on two stores, each with a
// pool of its own, on one schema: two nodes sharing a database.
func TestConformanceShared(t *testing.T) {
	pgtest.DSN(t)
	t.Log("running the shared-database conformance cases on PostgreSQL")
	storetest.RunShared(t, func(t *testing.T) (store.Store, store.Store) {
		dsn := pgtest.Schema(t)
		a, err := postgres.Open(testCtx(t), dsn)
		if err != nil {
			t.Fatal(err)
		}
		b, err := postgres.Open(testCtx(t), dsn)
		if err != nil {
			a.Close()
			t.Fatal(err)
		}
		return a, b
	})
}

// TestEventsStayInSchema: stores on different schemas of one database do not
// hear each other. other's event is published, and committed, before mine:
// had it reached mine's channel, it would arrive first.
func TestEventsStayInSchema(t *testing.T) {
	mine, other := fresh(t), fresh(t)
	l := storetest.Listen(t, mine)
	if err := other.Publish(testCtx(t), store.Event{Kind: "other"}); err != nil {
		t.Fatal(err)
	}
	if err := mine.Publish(testCtx(t), store.Event{Kind: "mine"}); err != nil {
		t.Fatal(err)
	}
	if ev := l.Next(t); ev.Kind != "mine" {
		t.Fatalf("first event = %+v, want mine: another schema's event leaked", ev)
	}
}

// TestEventsReconnect kills the listener's connection: the subscriber gets a
// reset once listening again, and then events as before.
func TestEventsReconnect(t *testing.T) {
	dsn := pgtest.Schema(t)
	s := open(t, dsn)
	l := storetest.Listen(t, s)
	for round := range 2 {
		if n := terminateListeners(t, dsn); n != 1 {
			t.Fatalf("round %d: terminated %d listening connections, want 1", round, n)
		}
		if ev := l.Next(t); ev.Kind != store.EventReset {
			t.Fatalf("round %d: event after the connection loss = %+v, want a reset", round, ev)
		}
		want := store.Event{Kind: "pageinfo", Keys: []string{"after", "reconnect"}}
		if err := s.Publish(testCtx(t), want); err != nil {
			t.Fatal(err)
		}
		if ev := l.Next(t); !reflect.DeepEqual(ev, want) {
			t.Fatalf("round %d: event = %+v, want %+v", round, ev, want)
		}
	}
}

// terminateListeners ends the server processes of the connections listening
// on the schema of dsn, and returns how many there were.
func terminateListeners(t *testing.T, dsn string) int {
	t.Helper()
	ctx := testCtx(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	listen := "LISTEN " + pgx.Identifier{schema + ".folio_events"}.Sanitize()
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
		WHERE query = $1 AND pid <> pg_backend_pid()`, listen).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPublishErrors: a key no notification can hold is refused, and nothing
// is sent.
func TestPublishErrors(t *testing.T) {
	s := fresh(t)
	l := storetest.Listen(t, s)
	huge := strings.Repeat("x", store.MaxEventKeyBytes+1)
	if err := s.Publish(testCtx(t), store.Event{Kind: "pageinfo", Keys: []string{"ok", huge}}); err == nil {
		t.Fatal("Publish of an over-long key: no error")
	}
	if err := s.Publish(testCtx(t), store.Event{Kind: "next"}); err != nil {
		t.Fatal(err)
	}
	if ev := l.Next(t); ev.Kind != "next" {
		t.Fatalf("event = %+v, want next: the refused event was partly sent", ev)
	}
}

// TestSubscribeEndsWithContext: a canceled context ends Subscribe with nil,
// also while it waits to reconnect.
func TestSubscribeEndsWithContext(t *testing.T) {
	s := fresh(t)
	ctx, cancel := context.WithCancel(testCtx(t))
	cancel()
	if err := s.Subscribe(ctx, func(store.Event) {}); err != nil {
		t.Fatalf("Subscribe with a done context = %v, want nil", err)
	}
}
