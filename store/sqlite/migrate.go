package sqlite

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/foliowiki/folio/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations returns the embedded steps in order: name → SQL.
func migrations() ([]string, map[string]string) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(fmt.Sprintf("sqlite: read embedded migrations: %v", err))
	}
	var names []string
	sqls := map[string]string{}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".sql")
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("sqlite: read migration %s: %v", name, err))
		}
		names = append(names, name)
		sqls[name] = string(b)
	}
	sort.Strings(names)
	return names, sqls
}

// Migrations implements store.Store.
func (s *Store) Migrations() []string {
	names, _ := migrations()
	return names
}

// Migrate implements store.Store: each pending step runs in its own
// transaction together with its schema_version row, so a failed step leaves
// the schema as it was.
func (s *Store) Migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		name TEXT PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrate: create schema_version: %w", err)
	}
	names, sqls := migrations()
	for _, name := range names {
		if err := s.applyStep(ctx, name, sqls[name]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) applyStep(ctx context.Context, name, body string) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_version WHERE name = ?`, name).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (name, applied) VALUES (?, ?)`, name, micros(store.Now())); err != nil {
		return fmt.Errorf("sqlite: migrate %s: record: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: migrate %s: commit: %w", name, err)
	}
	return nil
}
