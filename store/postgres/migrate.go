package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrationFS holds the numbered, forward-only migration steps. A step is
// never edited once released; changes are new steps.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one step: its name ("0001_init") and its SQL.
type migration struct {
	name string
	sql  string
}

// migrations is the ordered list of embedded steps, read once.
var migrations = mustLoadMigrations()

func mustLoadMigrations() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(fmt.Sprintf("postgres: list migrations: %v", err))
	}
	sort.Strings(names)
	ms := make([]migration, 0, len(names))
	for _, n := range names {
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(fmt.Sprintf("postgres: read migration %s: %v", n, err))
		}
		ms = append(ms, migration{name: strings.TrimSuffix(path.Base(n), ".sql"), sql: string(b)})
	}
	return ms
}

// Migrations returns the names of every embedded migration step, in order,
// e.g. "0001_init".
func (s *Store) Migrations() []string {
	names := make([]string, len(migrations))
	for i, m := range migrations {
		names[i] = m.name
	}
	return names
}

// Migrate applies the embedded migrations that are not yet applied, one
// transaction per step, recording each in schema_version. Each step holds a
// transaction-scoped advisory lock keyed on the current schema, so nodes that
// migrate the same database at once apply every step exactly once.
func (s *Store) Migrate(ctx context.Context) error {
	for _, m := range migrations {
		if err := s.inTx(ctx, func(tx pgx.Tx) error { return applyStep(ctx, tx, m) }); err != nil {
			return fmt.Errorf("postgres: migrate %s: %w", m.name, err)
		}
	}
	return nil
}

// applyStep runs one step in tx unless schema_version says it ran already.
func applyStep(ctx context.Context, tx pgx.Tx, m migration) error {
	// The lock comes first: CREATE TABLE IF NOT EXISTS is not safe against a
	// concurrent creation of the same table.
	if _, err := tx.Exec(ctx,
		`SELECT pg_advisory_xact_lock(hashtextextended('folio.migrate:' || coalesce(current_schema(), ''), 0))`); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		name    TEXT PRIMARY KEY,
		applied TIMESTAMPTZ NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	var done bool
	if err := tx.QueryRow(ctx,
		`SELECT EXISTS (SELECT 1 FROM schema_version WHERE name = $1)`, m.name).Scan(&done); err != nil {
		return fmt.Errorf("read schema_version: %w", err)
	}
	if done {
		return nil
	}
	// No arguments: pgx sends this over the simple protocol, which allows
	// several statements in one string.
	if _, err := tx.Exec(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_version (name) VALUES ($1)`, m.name); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return nil
}
