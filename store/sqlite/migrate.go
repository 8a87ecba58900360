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
// the schema as it was. The steps applied already are read first, without
// the write lock: an up-to-date store (every start of serve) takes no
// write transaction, and does not wait for another process's (folio import
// beside folio serve).
func (s *Store) Migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		name TEXT PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrate: create schema_version: %w", err)
	}
	applied, err := s.appliedSteps(ctx)
	if err != nil {
		return err
	}
	names, sqls := migrations()
	for _, name := range names {
		if applied[name] {
			continue
		}
		if err := s.applyStep(ctx, name, sqls[name]); err != nil {
			return err
		}
	}
	return nil
}

// appliedSteps returns the names in schema_version.
func (s *Store) appliedSteps(ctx context.Context) (map[string]bool, error) {
	rows, err := s.w.QueryContext(ctx, `SELECT name FROM schema_version`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: migrate: read schema_version: %w", err)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("sqlite: migrate: read schema_version: %w", err)
		}
		applied[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: migrate: read schema_version: %w", err)
	}
	return applied, nil
}

// applyStep applies step name unless schema_version has it: another
// process may have applied it since appliedSteps read the table.
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
