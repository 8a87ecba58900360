package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/foliowiki/folio/store"
)

// insertLog writes one log_entry row; a PageID of 0 is stored as NULL (no
// page), which LogEntries reads back as 0.
func insertLog(ctx context.Context, tx *sql.Tx, e store.LogEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO log_entry
		(kind, page_id, title, target, user_id, user_name, reason, ts) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?)`,
		e.Kind, e.PageID, e.Title, e.Target, e.UserID, e.UserName, e.Reason, micros(e.Timestamp))
	if err != nil {
		return fmt.Errorf("log entry: %w", err)
	}
	return nil
}

// LogEntries implements store.Log.
func (s *Store) LogEntries(ctx context.Context, q store.LogQuery) ([]store.LogEntry, error) {
	where, args := []string{"1 = 1"}, []any{}
	if q.Before > 0 {
		where, args = append(where, "id < ?"), append(args, q.Before)
	}
	if q.Title != "" {
		where, args = append(where, "title = ?"), append(args, q.Title)
	}
	if q.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, q.Kind)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, kind, coalesce(page_id, 0), title, target, user_id, user_name, reason, ts
		FROM log_entry WHERE `+strings.Join(where, " AND ")+` ORDER BY id DESC LIMIT ?`, append(args, q.Limit)...)
	if err != nil {
		return nil, mapErr("log entries", err)
	}
	defer rows.Close()
	var out []store.LogEntry
	for rows.Next() {
		var e store.LogEntry
		var ts int64
		if err := rows.Scan(&e.ID, &e.Kind, &e.PageID, &e.Title, &e.Target, &e.UserID, &e.UserName, &e.Reason, &ts); err != nil {
			return nil, mapErr("log entries", err)
		}
		e.Timestamp = fromMicros(ts)
		out = append(out, e)
	}
	return out, mapErr("log entries", rows.Err())
}

// insertRecord writes what a page action records: its recent change and its
// log entry (store.DeleteRecord, store.UndeleteRecord, store.MoveRecord).
func insertRecord(ctx context.Context, tx *sql.Tx, c store.Change, e store.LogEntry) error {
	if err := insertChange(ctx, tx, c); err != nil {
		return err
	}
	return insertLog(ctx, tx, e)
}
