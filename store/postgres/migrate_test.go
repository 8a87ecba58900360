package postgres_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store/postgres"
)

// appliedSteps returns the names in schema_version, in order.
func appliedSteps(t *testing.T, dsn string) []string {
	t.Helper()
	ctx := testCtx(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT name FROM schema_version ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestMigrateTwice(t *testing.T) {
	dsn := pgtest.Schema(t)
	s := open(t, dsn)
	if got := s.Migrations(); len(got) == 0 || got[0] != "0001_init" {
		t.Fatalf("Migrations() = %v, want it to start with 0001_init", got)
	}
	for range 2 {
		if err := s.Migrate(testCtx(t)); err != nil {
			t.Fatalf("Migrate again: %v", err)
		}
	}
	// Reopening migrates once more, as a restarted node would.
	open(t, dsn)
	if got := appliedSteps(t, dsn); !reflect.DeepEqual(got, s.Migrations()) {
		t.Fatalf("schema_version = %v, want each step once: %v", got, s.Migrations())
	}
}

func TestMigrateConcurrently(t *testing.T) {
	dsn := pgtest.Schema(t)
	const nodes = 4
	var wg sync.WaitGroup
	errs := make([]error, nodes)
	stores := make([]*postgres.Store, nodes)
	start := make(chan struct{})
	for i := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			stores[i], errs[i] = postgres.Open(testCtx(t), dsn)
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("node %d: Open (migrating): %v", i, err)
			continue
		}
		stores[i].Close()
	}
	if t.Failed() {
		return
	}
	want := (&postgres.Store{}).Migrations()
	if got := appliedSteps(t, dsn); !reflect.DeepEqual(got, want) {
		t.Fatalf("schema_version = %v, want each step once: %v", got, want)
	}
}

// testCtx returns a context bounded so a deadlock fails the test.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// open opens a store on dsn, closed when the test ends.
func open(t *testing.T, dsn string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(testCtx(t), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
