package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/foliowiki/folio/store"
)

// Recent implements store.RecentChanges.
func (s *Store) Recent(ctx context.Context, q store.RecentQuery) ([]store.Change, error) {
	var where []string
	var args []any
	if q.Before > 0 {
		where, args = append(where, "id < ?"), append(args, q.Before)
	}
	if q.UserName != "" {
		where, args = append(where, "user_name = ?"), append(args, q.UserName)
	}
	if q.Namespace != "" {
		prefix := q.Namespace + ":"
		where, args = append(where, "substr(title, 1, ?) = ?"), append(args, utf8.RuneCountInString(prefix), prefix)
	}
	if q.HideMinor {
		where = append(where, "minor = 0")
	}
	if q.HideUserID != 0 {
		where, args = append(where, "user_id != ?"), append(args, q.HideUserID)
	}
	if q.HideImports {
		where, args = append(where, "NOT (user_id = 0 AND user_name = ?)"), append(args, store.ImportUserName)
	}
	return s.queryChanges(ctx, "recent changes", where, args, q.Limit)
}

// queryChanges returns up to limit recent_change rows matching every
// condition of where (with args), newest first.
func (s *Store) queryChanges(ctx context.Context, op string, where []string, args []any, limit int) ([]store.Change, error) {
	sqlText := `SELECT id, kind, title, target, page_id, rev_id, old_rev_id, user_id, user_name, summary, minor, is_new,
		old_size, new_size, ts FROM recent_change`
	if len(where) > 0 {
		sqlText += " WHERE " + strings.Join(where, " AND ")
	}
	sqlText += " ORDER BY id DESC LIMIT ?"
	rows, err := s.r.QueryContext(ctx, sqlText, append(args, limit)...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []store.Change
	for rows.Next() {
		var c store.Change
		var ts int64
		if err := rows.Scan(&c.ID, &c.Kind, &c.Title, &c.Target, &c.PageID, &c.RevID, &c.OldRevID, &c.UserID, &c.UserName, &c.Summary,
			&c.Minor, &c.New, &c.OldSize, &c.NewSize, &ts); err != nil {
			return nil, mapErr(op, err)
		}
		c.Timestamp = fromMicros(ts)
		out = append(out, c)
	}
	return out, mapErr(op, rows.Err())
}

// insertChange writes one recent_change row.
func insertChange(ctx context.Context, tx *sql.Tx, c store.Change) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO recent_change
		(kind, page_id, title, target, rev_id, old_rev_id, user_id, user_name, summary, minor, is_new, old_size, new_size, ts)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Kind, c.PageID, c.Title, c.Target, c.RevID, c.OldRevID, c.UserID, c.UserName, c.Summary, c.Minor, c.New,
		c.OldSize, c.NewSize, micros(c.Timestamp))
	if err != nil {
		return fmt.Errorf("recent change: %w", err)
	}
	return nil
}
