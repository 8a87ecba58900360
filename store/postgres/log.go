package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// insertLog writes one log_entry row; a PageID of 0 is stored as NULL (no
// page), which LogEntries reads back as 0.
func insertLog(ctx context.Context, tx pgx.Tx, e store.LogEntry) error {
	_, err := tx.Exec(ctx, `INSERT INTO log_entry
		(kind, page_id, title, target, user_id, user_name, reason, ts)
		VALUES ($1, NULLIF($2::bigint, 0), $3, $4, $5, $6, $7, $8)`,
		e.Kind, e.PageID, e.Title, e.Target, e.UserID, e.UserName, e.Reason, e.Timestamp)
	if err != nil {
		return fmt.Errorf("insert log entry: %w", err)
	}
	return nil
}

// LogEntries returns the log entries matching q, newest first. A negative
// q.Limit means no limit.
func (s *Store) LogEntries(ctx context.Context, q store.LogQuery) ([]store.LogEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, kind, coalesce(page_id, 0), title, target, user_id, user_name, reason, ts
		FROM log_entry
		WHERE ($1::bigint <= 0 OR id < $1)
		  AND ($2 = '' OR title = $2)
		  AND ($3 = '' OR kind = $3)
		ORDER BY id DESC
		LIMIT $4`, q.Before, q.Title, q.Kind, limitArg(q.Limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: log entries: %w", dbErr(err))
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.LogEntry, error) {
		var e store.LogEntry
		err := r.Scan(&e.ID, &e.Kind, &e.PageID, &e.Title, &e.Target, &e.UserID, &e.UserName, &e.Reason, &e.Timestamp)
		e.Timestamp = e.Timestamp.UTC()
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: log entries: %w", dbErr(err))
	}
	return entries, nil
}

// insertRecord writes what a page action records: its recent change and its
// log entry (store.DeleteRecord, store.UndeleteRecord, store.MoveRecord).
func insertRecord(ctx context.Context, tx pgx.Tx, c store.Change, e store.LogEntry) error {
	if err := insertChange(ctx, tx, c); err != nil {
		return err
	}
	return insertLog(ctx, tx, e)
}
