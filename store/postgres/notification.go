package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

var _ store.Notifications = (*Store)(nil)

// Notifications implements store.Notifications. The index
// notification_user serves it.
func (s *Store) Notifications(ctx context.Context, userID, before int64, limit int) ([]store.Notification, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT id, user_id, kind, title, rev_id, agent, summary, created, is_read
		FROM notification WHERE user_id = $1 AND ($2::bigint <= 0 OR id < $2)
		ORDER BY id DESC LIMIT $3`, userID, before, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: notifications of user %d: %w", userID, dbErr(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Notification, error) {
		var n store.Notification
		err := r.Scan(&n.ID, &n.UserID, &n.Kind, &n.Title, &n.RevID, &n.Agent, &n.Summary, &n.Created, &n.Read)
		n.Created = n.Created.UTC()
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: notifications of user %d: %w", userID, dbErr(err))
	}
	return out, nil
}

// NotificationCounts implements store.Notifications. The partial index
// notification_unread serves it.
func (s *Store) NotificationCounts(ctx context.Context, userID int64) (store.NotificationCounts, error) {
	var c store.NotificationCounts
	err := s.pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE kind = $2)
		FROM notification WHERE user_id = $1 AND NOT is_read`, userID, store.NotifyTalk).Scan(&c.Unread, &c.UnreadTalk)
	if err != nil {
		return store.NotificationCounts{}, fmt.Errorf("postgres: notification counts of user %d: %w", userID, dbErr(err))
	}
	return c, nil
}

// MarkNotificationsRead implements store.Notifications.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64, kind string, ids []int64) (int, error) {
	if ids != nil && len(ids) == 0 {
		return 0, nil
	}
	tag, err := s.pool.Exec(ctx, `UPDATE notification SET is_read = TRUE
		WHERE user_id = $1 AND NOT is_read AND ($2 = '' OR kind = $2)
		  AND ($3::bigint[] IS NULL OR id = ANY($3::bigint[]))`, userID, kind, ids)
	if err != nil {
		return 0, fmt.Errorf("postgres: mark notifications read for user %d: %w", userID, dbErr(err))
	}
	return int(tag.RowsAffected()), nil
}
