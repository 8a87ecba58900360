package sqlite

import (
	"context"
	"fmt"
)

// CheckWritable implements store.Store: it takes SQLite's write lock
// (BEGIN IMMEDIATE, which a read-only file, mount or connection refuses)
// on the writer connection and gives it back at once.
func (s *Store) CheckWritable(ctx context.Context) error {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: check writable: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("sqlite: check writable: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		return fmt.Errorf("sqlite: check writable: %w", err)
	}
	return nil
}
