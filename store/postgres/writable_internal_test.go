package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/foliowiki/folio/internal/pgtest"
)

// TestCheckWritable: a writable database says so; a pool whose
// transactions are read-only (as on a standby) does not.
func TestCheckWritable(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Schema(t)
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckWritable(ctx); err != nil {
		t.Fatalf("a writable database: %v", err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	pool, err := pgxpool.New(ctx, dsn+sep+"default_transaction_read_only=on")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	ro := &Store{pool: pool}
	if err := ro.CheckWritable(ctx); !errors.Is(err, errReadOnly) {
		t.Fatalf("a read-only pool: %v, want errReadOnly", err)
	}
}
