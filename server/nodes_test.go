package server_test

import (
	"context"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
)

// twoNodes starts two servers on one throwaway PostgreSQL schema, each
// with its own store connection and caches, and each hearing the other's
// PageInfo invalidations as `folio serve` does. It skips without
// PostgreSQL (pgtest).
func twoNodes(t *testing.T) (a, b *server.Server) {
	t.Helper()
	dsn := pgtest.Schema(t)
	open := func() store.Store {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	a = newServerOn(t, open(), config.Default())
	b = newServerOn(t, open(), config.Default())
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	for _, srv := range []*server.Server{a, b} {
		go srv.Pages.Listen(ctx)
	}
	return a, b
}
