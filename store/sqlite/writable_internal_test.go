package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCheckWritable: a writable store says so; one whose writer cannot
// write (PRAGMA query_only, as a read-only file or mount) does not.
func TestCheckWritable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckWritable(ctx); err != nil {
		t.Fatalf("a writable store: %v", err)
	}
	if _, err := s.w.ExecContext(ctx, "PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckWritable(ctx); err == nil {
		t.Fatal("a read-only writer passed the check")
	}
}
