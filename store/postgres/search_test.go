package postgres_test

import (
	"context"
	"testing"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/storetest"
)

// scripts/with-postgres go test ./store/postgres -run '^$' -bench SearchManyMatches -benchmem
func BenchmarkSearchManyMatches(b *testing.B) {
	storetest.BenchmarkSearchManyMatches(b, func(b *testing.B) store.Store {
		s, err := postgres.Open(context.Background(), pgtest.Schema(b))
		if err != nil {
			b.Fatal(err)
		}
		return s
	})
}
