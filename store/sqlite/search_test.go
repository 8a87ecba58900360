package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/store/storetest"
)

// go test ./store/sqlite -run '^$' -bench SearchManyMatches -benchmem
func BenchmarkSearchManyMatches(b *testing.B) {
	storetest.BenchmarkSearchManyMatches(b, func(b *testing.B) store.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "folio.db"))
		if err != nil {
			b.Fatal(err)
		}
		return s
	})
}
