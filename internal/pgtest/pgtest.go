// Package pgtest gives tests a PostgreSQL database to work in: the server
// named by FOLIO_TEST_POSTGRES, and a fresh schema per test.
//
//	func TestSomething(t *testing.T) {
//		st, err := postgres.Open(ctx, pgtest.Schema(t))
//		…
//	}
//
// Without FOLIO_TEST_POSTGRES the tests skip with a loud message, unless
// FOLIO_REQUIRE_POSTGRES=1 makes that a failure. scripts/with-postgres (used
// by make test) starts a throwaway server and sets the variable:
//
//	scripts/with-postgres go test ./store/postgres/...
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment variables read by DSN.
const (
	// EnvDSN names the PostgreSQL server (a DSN) the tests use.
	EnvDSN = "FOLIO_TEST_POSTGRES"
	// EnvRequire set to "1" makes a missing EnvDSN fail the tests instead
	// of skipping them.
	EnvRequire = "FOLIO_REQUIRE_POSTGRES"
)

// DSN returns the base DSN of the test server, from FOLIO_TEST_POSTGRES. When
// it is unset, DSN skips the test loudly, or fails it when
// FOLIO_REQUIRE_POSTGRES=1.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn != "" {
		return dsn
	}
	const msg = "!!! PostgreSQL tests SKIPPED: set " + EnvDSN + " or run make test (scripts/with-postgres) !!!"
	if os.Getenv(EnvRequire) == "1" {
		t.Fatal(strings.Replace(msg, "SKIPPED", "FAILED ("+EnvRequire+"=1)", 1))
	}
	t.Skip(msg)
	return ""
}

// Schema creates a fresh, uniquely named schema on the test server and
// returns a DSN whose search_path is that schema, so everything the test
// creates lands in it. The schema is dropped (CASCADE) in t.Cleanup; close
// connections opened on the DSN in a cleanup registered after Schema, so
// they are closed first. Schema skips or fails like DSN when no server is
// configured.
func Schema(t testing.TB) string {
	t.Helper()
	base := DSN(t)
	name := schemaName()

	exec(t, base, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize())
	t.Cleanup(func() {
		exec(t, base, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE")
	})

	dsn, err := withSearchPath(base, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return dsn
}

// schemaName returns a fresh schema name: folio_test_<random hex>.
func schemaName() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails
	return "folio_test_" + hex.EncodeToString(b)
}

// exec runs one statement on its own short-lived connection to dsn.
func exec(t testing.TB, dsn, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v", EnvDSN, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("pgtest: %s: %v", sql, err)
	}
}

// withSearchPath returns dsn with the runtime parameter search_path set to
// schema, for both DSN forms pgx accepts: a postgres:// URL (a query
// parameter) and a keyword/value string (one more pair).
func withSearchPath(dsn, schema string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	return dsn + " search_path=" + schema, nil
}
