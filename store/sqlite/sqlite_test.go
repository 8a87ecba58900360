package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/store/storetest"
)

func openTemp(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	t.Log("running the store conformance suite on SQLite")
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

// TestConformanceShared runs the two-client cases on two *sqlite.Store
// opened on one file, as two processes (folio serve and folio user grant):
// their events meet in event_log.
func TestConformanceShared(t *testing.T) {
	storetest.RunShared(t, func(t *testing.T) (store.Store, store.Store) {
		path := filepath.Join(t.TempDir(), "folio.db")
		a, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	})
}

func TestIntegrityCheck(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	if err := s.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "folio.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRevision(ctx, store.SaveRequest{Title: "Kept", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.PageByTitle(ctx, "Kept"); err != nil {
		t.Fatalf("page lost across reopen: %v", err)
	}
}

// TestOpenWhileAnotherWrites: opening an up-to-date store takes no write
// lock, so folio serve starts while another process (folio import) is in
// the middle of a write transaction, and reads the pages committed before
// it. Before, each migration step's check began a write transaction and
// waited for the other one (up to busy_timeout, then failed).
func TestOpenWhileAnotherWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "folio.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRevision(ctx, store.SaveRequest{Title: "Before", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	if _, err := tx.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer tx.ExecContext(ctx, "ROLLBACK")

	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open while another connection holds the write lock: %v", err)
	}
	defer s.Close()
	if _, err := s.PageByTitle(ctx, "Before"); err != nil {
		t.Fatalf("page committed before: %v", err)
	}
}
