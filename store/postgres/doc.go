// Package postgres is the PostgreSQL backend of store.Store, for running
// several Folio nodes against one database. It uses jackc/pgx/v5 through a
// connection pool, hand-written SQL, and embedded numbered migrations applied
// on Open.
//
//	st, err := postgres.Open(ctx, "postgres://folio@db/folio?sslmode=disable")
//	if err != nil { … }
//	defer st.Close()
//	res, err := st.SaveRevision(ctx, store.SaveRequest{Title: "Main_Page", Text: "Hello"})
//
// Runtime parameters go in the DSN: "?search_path=wiki" puts every table in
// the schema wiki (the tests give each test its own schema that way).
//
// Events (store.Events) travel by LISTEN/NOTIFY on the channel
// "<schema>.folio_events", so schemas sharing a server do not hear each other;
// each Subscribe call holds a connection of its own, outside the pool.
//
// Tests: internal/pgtest reads the server from FOLIO_TEST_POSTGRES;
// scripts/with-postgres starts a throwaway server and sets it:
//
//	scripts/with-postgres go test -race -count=1 ./store/postgres/...
package postgres
