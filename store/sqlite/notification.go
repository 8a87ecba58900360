package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/foliowiki/folio/store"
)

var _ store.Notifications = (*Store)(nil)

// Notifications implements store.Notifications. The index
// notification_user serves it.
func (s *Store) Notifications(ctx context.Context, userID, before int64, limit int) ([]store.Notification, error) {
	if limit <= 0 {
		return nil, nil
	}
	if before <= 0 {
		before = 1<<63 - 1
	}
	op := fmt.Sprintf("notifications of user %d", userID)
	rows, err := s.r.QueryContext(ctx, `SELECT id, user_id, kind, title, rev_id, agent, summary, created, is_read
		FROM notification WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, userID, before, limit)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []store.Notification
	for rows.Next() {
		var n store.Notification
		var created int64
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Title, &n.RevID, &n.Agent, &n.Summary, &created, &n.Read); err != nil {
			return nil, mapErr(op, err)
		}
		n.Created = fromMicros(created)
		out = append(out, n)
	}
	return out, mapErr(op, rows.Err())
}

// NotificationCounts implements store.Notifications. The partial index
// notification_unread serves it.
func (s *Store) NotificationCounts(ctx context.Context, userID int64) (store.NotificationCounts, error) {
	var c store.NotificationCounts
	err := s.r.QueryRowContext(ctx, `SELECT count(*), count(CASE WHEN kind = ? THEN 1 END)
		FROM notification WHERE user_id = ? AND is_read = 0`, store.NotifyTalk, userID).Scan(&c.Unread, &c.UnreadTalk)
	return c, mapErr(fmt.Sprintf("notification counts of user %d", userID), err)
}

// MarkNotificationsRead implements store.Notifications.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64, kind string, ids []int64) (int, error) {
	const set = `UPDATE notification SET is_read = 1 WHERE user_id = ? AND is_read = 0 AND (? = '' OR kind = ?)`
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if ids == nil {
			return addAffected(&n)(tx.ExecContext(ctx, set, userID, kind, kind))
		}
		for _, id := range ids {
			if err := addAffected(&n)(tx.ExecContext(ctx, set+` AND id = ?`, userID, kind, kind, id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, mapErr(fmt.Sprintf("mark notifications read for user %d", userID), err)
	}
	return n, nil
}
