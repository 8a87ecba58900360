package postgres

import (
	"context"
	"errors"
	"fmt"
)

// errReadOnly is a PostgreSQL that takes no writes: a standby in recovery,
// or default_transaction_read_only.
var errReadOnly = errors.New("postgres: the database is read-only")

// CheckWritable implements store.Store: it asks the server whether a
// transaction of this pool could write.
func (s *Store) CheckWritable(ctx context.Context) error {
	var recovery bool
	var readOnly string
	err := s.pool.QueryRow(ctx, `SELECT pg_is_in_recovery(), current_setting('transaction_read_only')`).Scan(&recovery, &readOnly)
	if err != nil {
		return fmt.Errorf("postgres: check writable: %w", dbErr(err))
	}
	if recovery || readOnly == "on" {
		return errReadOnly
	}
	return nil
}
