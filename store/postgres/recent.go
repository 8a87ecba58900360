package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// insertChange writes one recent_change row.
func insertChange(ctx context.Context, tx pgx.Tx, c store.Change) error {
	_, err := tx.Exec(ctx, `INSERT INTO recent_change
		(kind, target, page_id, title, rev_id, old_rev_id, user_id, user_name, summary, minor, is_new,
		 old_size, new_size, ts)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		c.Kind, c.Target, c.PageID, c.Title, c.RevID, c.OldRevID, c.UserID, c.UserName, c.Summary, c.Minor, c.New,
		c.OldSize, c.NewSize, c.Timestamp)
	if err != nil {
		return fmt.Errorf("insert recent change: %w", err)
	}
	return nil
}

// Recent returns recent changes newest first, filtered by q. A negative q.Limit
// means no limit.
func (s *Store) Recent(ctx context.Context, q store.RecentQuery) ([]store.Change, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+changeColumns+`
		FROM recent_change
		WHERE ($1::bigint <= 0 OR id < $1)
		  AND ($2 = '' OR user_name = $2)
		  AND NOT ($3 AND minor)
		  AND ($5 = '' OR starts_with(title, $5 || ':'))
		  AND ($6::bigint = 0 OR user_id <> $6)
		  AND NOT ($7 AND user_id = 0 AND user_name = $8)
		ORDER BY id DESC
		LIMIT $4`, q.Before, q.UserName, q.HideMinor, limitArg(q.Limit), q.Namespace,
		q.HideUserID, q.HideImports, store.ImportUserName)
	if err != nil {
		return nil, fmt.Errorf("postgres: recent changes: %w", dbErr(err))
	}
	changes, err := pgx.CollectRows(rows, scanChange)
	if err != nil {
		return nil, fmt.Errorf("postgres: recent changes: %w", dbErr(err))
	}
	return changes, nil
}

// changeColumns is the column list scanned by scanChange.
const changeColumns = `id, kind, title, target, page_id, rev_id, old_rev_id, user_id,
		user_name, summary, minor, is_new, old_size, new_size, ts`

// scanChange reads one recent_change row selected with changeColumns.
func scanChange(r pgx.CollectableRow) (store.Change, error) {
	var c store.Change
	err := r.Scan(&c.ID, &c.Kind, &c.Title, &c.Target, &c.PageID, &c.RevID, &c.OldRevID, &c.UserID,
		&c.UserName, &c.Summary, &c.Minor, &c.New, &c.OldSize, &c.NewSize, &c.Timestamp)
	c.Timestamp = c.Timestamp.UTC()
	return c, err
}
