package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

var _ store.Watchlist = (*Store)(nil)

// unexpired is the condition on a watch row w that it counts
// (store.Watchlist), with now as the parameter $n.
func unexpired(n int) string {
	return fmt.Sprintf(`(w.expires IS NULL OR w.expires > $%d)`, n)
}

// Watch implements store.Watchlist. Re-watching an expired entry starts
// afresh: it was absent, so it is seen.
func (s *Store) Watch(ctx context.Context, userID int64, titles []string, expires time.Time) error {
	titles = store.Dedupe(titles)
	if len(titles) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO watch AS w (user_id, title, expires)
		SELECT $1, t, $3 FROM unnest($2::text[]) AS t
		ON CONFLICT (user_id, title) DO UPDATE SET expires = EXCLUDED.expires,
			notified = CASE WHEN `+unexpired(4)+` THEN w.notified END`,
		userID, titles, nullTime(expires), store.Now())
	if err != nil {
		return fmt.Errorf("postgres: watch for user %d: %w", userID, dbErr(err))
	}
	return nil
}

// Unwatch implements store.Watchlist.
func (s *Store) Unwatch(ctx context.Context, userID int64, titles []string) error {
	if len(titles) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `DELETE FROM watch WHERE user_id = $1 AND title = ANY($2::text[])`, userID, titles)
	if err != nil {
		return fmt.Errorf("postgres: unwatch for user %d: %w", userID, dbErr(err))
	}
	return nil
}

// WatchedTitles implements store.Watchlist.
func (s *Store) WatchedTitles(ctx context.Context, userID int64, after string, limit int) ([]store.WatchEntry, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT title, expires, notified FROM watch w
		WHERE user_id = $1 AND title > $2 AND `+unexpired(3)+`
		ORDER BY title LIMIT $4`, userID, after, store.Now(), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: watchlist of user %d: %w", userID, dbErr(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.WatchEntry, error) {
		var e store.WatchEntry
		var expires, notified *time.Time
		err := r.Scan(&e.Title, &expires, &notified)
		e.Expires, e.Notified = fromNullTime(expires), fromNullTime(notified)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: watchlist of user %d: %w", userID, dbErr(err))
	}
	return out, nil
}

// Watchers implements store.Watchlist. The index watch_title serves it.
func (s *Store) Watchers(ctx context.Context, title string, limit int) ([]int64, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT user_id FROM watch w WHERE title = $1 AND `+unexpired(2)+`
		ORDER BY user_id LIMIT $3`, title, store.Now(), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: watchers of %q: %w", title, dbErr(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("postgres: watchers of %q: %w", title, dbErr(err))
	}
	return ids, nil
}

// MarkSeen implements store.Watchlist.
func (s *Store) MarkSeen(ctx context.Context, userID int64, titles []string) (int, error) {
	if titles != nil && len(titles) == 0 {
		return 0, nil
	}
	tag, err := s.pool.Exec(ctx, `UPDATE watch AS w SET notified = NULL
		WHERE user_id = $1 AND notified IS NOT NULL AND `+unexpired(2)+`
		  AND ($3::text[] IS NULL OR title = ANY($3::text[]))`, userID, store.Now(), titles)
	if err != nil {
		return 0, fmt.Errorf("postgres: mark seen for user %d: %w", userID, dbErr(err))
	}
	return int(tag.RowsAffected()), nil
}

// WatchlistChanges implements store.Watchlist: the changes of each watched
// title, and the moves to it. The indexes recent_change_title and
// recent_change_move_target serve it.
func (s *Store) WatchlistChanges(ctx context.Context, q store.WatchlistQuery) ([]store.Change, error) {
	if q.Limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT `+changeColumns+` FROM recent_change
		WHERE id IN (
			SELECT c.id FROM watch w JOIN recent_change c ON c.title = w.title
			WHERE w.user_id = $1 AND `+unexpired(2)+` AND c.ts >= $3
			UNION
			SELECT c.id FROM watch w JOIN recent_change c ON c.target = w.title AND c.kind = 'move'
			WHERE w.user_id = $1 AND `+unexpired(2)+` AND c.ts >= $3)
		  AND NOT ($4 AND user_id = $1)
		  AND NOT ($5 AND minor)
		  AND NOT ($6 AND user_id = 0 AND user_name = $7)
		ORDER BY id DESC
		LIMIT $8`, q.UserID, store.Now(), store.StoredTime(q.Since), q.HideOwn, q.HideMinor, q.HideImports,
		store.ImportUserName, q.Limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: watchlist changes of user %d: %w", q.UserID, dbErr(err))
	}
	changes, err := pgx.CollectRows(rows, scanChange)
	if err != nil {
		return nil, fmt.Errorf("postgres: watchlist changes of user %d: %w", q.UserID, dbErr(err))
	}
	return changes, nil
}

// PurgeExpiredWatches implements store.Watchlist.
func (s *Store) PurgeExpiredWatches(ctx context.Context, now time.Time) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `WITH gone AS (
			DELETE FROM watch WHERE expires IS NOT NULL AND expires <= $1 RETURNING user_id)
		SELECT DISTINCT user_id FROM gone ORDER BY user_id`, store.StoredTime(now))
	if err != nil {
		return nil, fmt.Errorf("postgres: purge expired watches: %w", dbErr(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("postgres: purge expired watches: %w", dbErr(err))
	}
	return ids, nil
}

// watchSaveTx is the watchlist's and notifications' part of SaveRevision
// (store.Watchlist, store.Notifications), in its transaction: it returns
// the users whose entry for the title it marked, in id order.
func watchSaveTx(ctx context.Context, tx pgx.Tx, req store.SaveRequest, rev store.Revision) ([]int64, error) {
	now := store.Now()
	if titles := store.Dedupe(req.WatchTitles); req.UserID != 0 && len(titles) > 0 {
		// An unexpired entry keeps its expiry and Notified; an expired one
		// is absent, so it is replaced.
		if _, err := tx.Exec(ctx, `INSERT INTO watch AS w (user_id, title)
			SELECT $1, t FROM unnest($2::text[]) AS t
			ON CONFLICT (user_id, title) DO UPDATE SET
				expires = CASE WHEN `+unexpired(3)+` THEN w.expires END,
				notified = CASE WHEN `+unexpired(3)+` THEN w.notified END`,
			req.UserID, titles, now); err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
	}
	rows, err := tx.Query(ctx, `UPDATE watch AS w SET notified = $1
		WHERE title = $2 AND user_id <> $3 AND notified IS NULL AND `+unexpired(4)+`
		RETURNING user_id`, rev.Timestamp, req.Title, req.UserID, now)
	if err != nil {
		return nil, fmt.Errorf("mark watchers: %w", err)
	}
	notified, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("mark watchers: %w", err)
	}
	slices.Sort(notified)
	if len(req.Notify) == 0 {
		return notified, nil
	}
	users := make([]int64, len(req.Notify))
	kinds := make([]string, len(req.Notify))
	for i, n := range req.Notify {
		users[i], kinds[i] = n.UserID, n.Kind
	}
	if _, err := tx.Exec(ctx, `INSERT INTO notification (user_id, kind, title, rev_id, agent, summary, created)
		SELECT u, k, $3, $4, $5, $6, $7 FROM unnest($1::bigint[], $2::text[]) AS n (u, k)`,
		users, kinds, req.Title, rev.ID, req.UserName, req.Summary, rev.Timestamp); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	return notified, nil
}

// copyWatchesTx is the watchlist's part of MovePage, in its transaction:
// the unexpired entries of each pair's old title are copied to its new
// title (seen), keeping an entry already there.
func copyWatchesTx(ctx context.Context, tx pgx.Tx, moves [][2]string) error {
	now := store.Now()
	for _, m := range moves {
		if m[0] == "" || m[1] == "" || m[0] == m[1] {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO watch (user_id, title, expires)
			SELECT user_id, $1, expires FROM watch w WHERE title = $2 AND `+unexpired(3)+`
			ON CONFLICT (user_id, title) DO NOTHING`, m[1], m[0], now); err != nil {
			return fmt.Errorf("copy watches of %q to %q: %w", m[0], m[1], err)
		}
	}
	return nil
}
