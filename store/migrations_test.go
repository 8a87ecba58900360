package store_test

import (
	"slices"
	"testing"

	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
)

// TestBackendsHaveSameMigrations: every schema change lands in both backends
// under the same step name. Migrations reads only the embedded files, so it
// needs no open database.
func TestBackendsHaveSameMigrations(t *testing.T) {
	lite := (*sqlite.Store)(nil).Migrations()
	pg := (*postgres.Store)(nil).Migrations()
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if !slices.Equal(lite, pg) {
		t.Fatalf("migration steps differ:\nsqlite:   %v\npostgres: %v", lite, pg)
	}
}
