package pgtest

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestWithSearchPath(t *testing.T) {
	cases := []struct{ dsn, want string }{
		{"postgres://u@h:5/db?sslmode=disable", "postgres://u@h:5/db?search_path=s1&sslmode=disable"},
		{"postgresql://u@h/db", "postgresql://u@h/db?search_path=s1"},
		{"postgres://u@h/db?search_path=old", "postgres://u@h/db?search_path=s1"},
		{"host=h dbname=db", "host=h dbname=db search_path=s1"},
	}
	for _, c := range cases {
		got, err := withSearchPath(c.dsn, "s1")
		if err != nil || got != c.want {
			t.Errorf("withSearchPath(%q) = %q, %v; want %q", c.dsn, got, err, c.want)
			continue
		}
		cfg, err := pgx.ParseConfig(got)
		if err != nil || cfg.RuntimeParams["search_path"] != "s1" {
			t.Errorf("pgx reads %q as runtime params %v, %v; want search_path=s1", got, cfg.RuntimeParams, err)
		}
	}
}

func TestSchemaName(t *testing.T) {
	a, b := schemaName(), schemaName()
	if a == b || !strings.HasPrefix(a, "folio_test_") || strings.ToLower(a) != a {
		t.Fatalf("schemaName() = %q, %q; want distinct lower-case folio_test_ names", a, b)
	}
}
